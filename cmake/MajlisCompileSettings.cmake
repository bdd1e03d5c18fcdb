# One INTERFACE target carries the compile settings every Majlis target shares.
add_library(majlis_settings INTERFACE)
target_compile_features(majlis_settings INTERFACE cxx_std_20)
target_compile_definitions(majlis_settings INTERFACE MAJLIS_VERSION="${PROJECT_VERSION}")
target_compile_options(majlis_settings INTERFACE -Wall -Wextra -Wpedantic)
target_compile_definitions(majlis_settings INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CAST_TO_ASCII
  QT_NO_URL_CAST_FROM_STRING
  QT_NO_CAST_FROM_BYTEARRAY
  QT_NO_CONTEXTLESS_CONNECT
  QT_NO_FOREACH
  QT_USE_QSTRINGBUILDER
  QT_NO_KEYWORDS
  QT_DISABLE_DEPRECATED_BEFORE=0x060400)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  set(CMAKE_COMPILE_WARNING_AS_ERROR ON)
endif()
# Links: GNU gold (binutils, there with build-essential on every Debian) links a test executable
# in less than half the time of ld.bfd (test_literal_text: 6.8 s -> 3.0 s), and CI links some 150
# executables across its three builds. MAJLIS_LINKER=bfd or lld to choose another, empty for the
# compiler's default; a linker the compiler cannot use is reported and the default kept.
set(MAJLIS_LINKER gold CACHE STRING "Linker for -fuse-ld= (empty: the compiler's default)")
if(MAJLIS_LINKER AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  include(CheckLinkerFlag)
  check_linker_flag(CXX -fuse-ld=${MAJLIS_LINKER} MAJLIS_LINKER_${MAJLIS_LINKER}_WORKS)
  if(MAJLIS_LINKER_${MAJLIS_LINKER}_WORKS)
    target_link_options(majlis_settings INTERFACE -fuse-ld=${MAJLIS_LINKER})
  else()
    message(WARNING "MAJLIS_LINKER=${MAJLIS_LINKER}: ${CMAKE_CXX_COMPILER} cannot link with it; using its default linker")
  endif()
endif()
# Precompiled headers: nearly every translation unit includes Qt's containers and nlohmann/json,
# about 5 s of parsing each at -O2 -g, more than most of them spend on their own code; CI builds
# the project three times on 2 cores. One target, majlis_pch, precompiles them and every other
# target reuses its header (the test suites reuse majlis_test_pch's, the same headers built with
# MAJLIS_TEST_FLAGS) (majlis_share_precompiled_headers, called once all targets exist): a
# header per target cost 76 compilations of it, 695 of the build's 1,915 CPU seconds, and most
# test targets have a single source. The reuse is sound because every target compiles with the
# flags of majlis_settings and Qt6::Core and only adds definitions the headers do not use; GCC
# (-Winvalid-pch, an error here) and Clang refuse a header built with other options, so a target
# that ever differs fails to build instead of silently parsing again.
# Test code is compiled for the build, not for speed: MAJLIS_TEST_FLAGS come after the build
# type's flags on every Qt Test suite's own sources (the libraries it tests keep theirs). Most
# suites are one source of heavy nlohmann/json and QTest templates, compiled once per build and
# run for seconds: -O1 -g1 compiles test_payloads.cpp in 25 s where -O2 -g took 36 s, and the
# sanitizer build's -O0 in 15 s where -O1 took 35 s. Test targets share a precompiled header
# built with these flags (GCC refuses one built at another optimisation level).
if(CMAKE_BUILD_TYPE MATCHES "^(RelWithDebInfo|Release|MinSizeRel)$")
  set(majlis_default_test_flags "-O1 -g1")
else()
  set(majlis_default_test_flags "")
endif()
set(MAJLIS_TEST_FLAGS "${majlis_default_test_flags}" CACHE STRING "Compile flags of the test suites' own sources")
separate_arguments(MAJLIS_TEST_FLAG_LIST UNIX_COMMAND "${MAJLIS_TEST_FLAGS}")
# MAJLIS_PCH=OFF when a header must be seen to include what it uses (clang-tidy's
# misc-include-cleaner, or a check that a file compiles on its own).
option(MAJLIS_PCH "Precompile the common Qt, nlohmann/json and standard headers" ON)

function(majlis_collect_targets out dir)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    majlis_collect_targets(more ${sub})
    list(APPEND targets ${more})
  endforeach()
  set(${out} ${targets} PARENT_SCOPE)
endfunction()

function(majlis_share_precompiled_headers)
  if(NOT MAJLIS_PCH)
    return()
  endif()
  add_library(majlis_pch STATIC ${PROJECT_SOURCE_DIR}/cmake/pch.cpp)
  target_link_libraries(majlis_pch PRIVATE majlis_settings Qt6::Core nlohmann_json::nlohmann_json)
  set_target_properties(majlis_pch PROPERTIES AUTOMOC OFF)
  set(headers <QByteArray> <QHash> <QList> <QObject> <QString> <QStringList> <QVariant>
    <nlohmann/json.hpp>
    <algorithm> <functional> <map> <memory> <optional> <string> <vector>)
  target_precompile_headers(majlis_pch PRIVATE ${headers})
  if(MAJLIS_BUILD_TESTS)
    add_library(majlis_test_pch STATIC ${PROJECT_SOURCE_DIR}/cmake/pch.cpp)
    target_link_libraries(majlis_test_pch PRIVATE majlis_settings Qt6::Core nlohmann_json::nlohmann_json)
    target_compile_options(majlis_test_pch PRIVATE ${MAJLIS_TEST_FLAG_LIST})
    set_target_properties(majlis_test_pch PROPERTIES AUTOMOC OFF)
    target_precompile_headers(majlis_test_pch PRIVATE ${headers})
  endif()
  majlis_collect_targets(targets ${PROJECT_SOURCE_DIR})
  foreach(t IN LISTS targets)
    get_target_property(type ${t} TYPE)
    get_target_property(imported ${t} IMPORTED)
    if(t MATCHES "^majlis_(test_)?pch$" OR imported OR NOT type MATCHES "^(STATIC_LIBRARY|SHARED_LIBRARY|MODULE_LIBRARY|OBJECT_LIBRARY|EXECUTABLE)$")
      continue()
    endif()
    # Targets without sources of their own (aliases of a kind) have nothing to compile.
    get_target_property(sources ${t} SOURCES)
    if(NOT sources)
      continue()
    endif()
    get_target_property(test ${t} MAJLIS_TEST)
    if(test)
      target_precompile_headers(${t} REUSE_FROM majlis_test_pch)
    else()
      target_precompile_headers(${t} REUSE_FROM majlis_pch)
    endif()
  endforeach()
endfunction()
if(MAJLIS_SANITIZE)
  target_compile_options(majlis_settings INTERFACE -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(majlis_settings INTERFACE -fsanitize=address,undefined)
endif()
if(MAJLIS_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "MAJLIS_FUZZ needs Clang (libFuzzer): -DCMAKE_CXX_COMPILER=clang++-14")
  endif()
  if(MAJLIS_BUILD_GUI OR MAJLIS_SANITIZE)
    message(FATAL_ERROR "MAJLIS_FUZZ needs MAJLIS_BUILD_GUI=OFF and MAJLIS_SANITIZE=OFF: it instruments everything itself, "
                        "and its build is also the proof that core, server and CLI need no widgets")
  endif()
  # Every library gets coverage instrumentation and the sanitizers; only the fuzz targets link
  # libFuzzer's main (tests/fuzz), so majlisctl and majlis-server still link as programs.
  target_compile_options(majlis_settings INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(majlis_settings INTERFACE -fsanitize=address,undefined)
endif()

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

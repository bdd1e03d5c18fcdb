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

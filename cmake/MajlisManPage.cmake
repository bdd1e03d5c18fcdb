# majlis_add_man_page(TARGET): TARGET(1), written by the program itself with
# `TARGET --man-page FILE` from the texts of its --help (app/cli/manpage.h), gzipped as Debian
# installs man pages (-n: no time stamp in the header) and installed to share/man/man1.
function(majlis_add_man_page target)
  set(page ${CMAKE_CURRENT_BINARY_DIR}/${target}.1)
  add_custom_command(OUTPUT ${page} ${page}.gz
    # Under MAJLIS_SANITIZE or MAJLIS_FUZZ the program runs with LeakSanitizer: the system
    # libraries' known leaks are suppressed as in the test runs (scripts/lsan.supp).
    COMMAND ${CMAKE_COMMAND} -E env LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/scripts/lsan.supp:print_suppressions=0
            $<TARGET_FILE:${target}> --man-page ${page}
    COMMAND gzip -9nkf ${page}
    DEPENDS ${target}
    COMMENT "Writing the ${target}(1) man page"
    VERBATIM)
  add_custom_target(${target}_man ALL DEPENDS ${page}.gz)
  install(FILES ${page}.gz DESTINATION share/man/man1)
endfunction()

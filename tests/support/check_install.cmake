# support/check_install.cmake - `cmake --install` into a scratch DESTDIR puts every part where
# it belongs: the binary, the man page, the voices and lexicons, the Speech Dispatcher module.
set(root ${NARRATE_BINARY_DIR}/install-check)
file(REMOVE_RECURSE ${root})
execute_process(COMMAND ${CMAKE_COMMAND} -E env DESTDIR=${root}
  ${CMAKE_COMMAND} --install ${NARRATE_BINARY_DIR}
  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${status}): ${err}")
endif()
set(prefix ${root}${NARRATE_INSTALL_PREFIX})
set(expected
  ${prefix}/${NARRATE_BINDIR}/narrate
  ${prefix}/${NARRATE_MANDIR}/man1/narrate.1
  ${prefix}/${NARRATE_DATADIR}/narrate/voices/anna
  ${prefix}/${NARRATE_DATADIR}/narrate/voices/lexicon-en.txt)
if(EXISTS ${NARRATE_BINARY_DIR}/sd_narrate)
  list(APPEND expected ${root}${NARRATE_SPEECHD_MODULE_DIR}/sd_narrate)
endif()
foreach(file IN LISTS expected)
  if(NOT EXISTS ${file})
    message(FATAL_ERROR "not installed: ${file}\n${out}")
  endif()
endforeach()
file(READ ${prefix}/${NARRATE_MANDIR}/man1/narrate.1 page)
if(page MATCHES "@PROJECT_VERSION@")
  message(FATAL_ERROR "the installed man page has no version filled in")
endif()
file(REMOVE_RECURSE ${root})
message(STATUS "installed: ${expected}")

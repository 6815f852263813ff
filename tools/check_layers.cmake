# tools/check_layers.cmake - fails when a module includes a header of a module it may not use.
#
# Included by CMakeLists.txt (checked at every configure) and run by CTest as a script:
#   cmake -DNARRATE_SOURCE_DIR=<src> "-DNARRATE_LAYERS=input=util;pipeline=input,extract,..." \
#         -P tools/check_layers.cmake
# NARRATE_LAYERS lists each module with the modules it may include ("narrate/", the public API,
# and the module's own headers are always allowed). The rules come from the NARRATE_USES_<module>
# lists in CMakeLists.txt, so the build and the check cannot disagree.

if(CMAKE_SCRIPT_MODE_FILE)
  cmake_minimum_required(VERSION 3.25)  # IN_LIST and the other policies of the build
endif()

function(narrate_check_layers source_dir layers)
  set(failures "")
  foreach(rule IN LISTS layers)
    string(REPLACE "=" ";" parts "${rule}")
    list(GET parts 0 module)
    list(LENGTH parts count)
    set(allowed narrate ${module})
    if(count GREATER 1)
      list(GET parts 1 uses)
      string(REPLACE "," ";" uses "${uses}")
      list(APPEND allowed ${uses})
    endif()
    file(GLOB files ${source_dir}/${module}/*.hpp ${source_dir}/${module}/*.cpp)
    foreach(file IN LISTS files)
      file(STRINGS ${file} lines REGEX "^#include \"[a-z_]+/")
      foreach(line IN LISTS lines)
        string(REGEX REPLACE "^#include \"([a-z_]+)/.*" "\\1" used "${line}")
        if(NOT used IN_LIST allowed)
          file(RELATIVE_PATH shown ${source_dir} ${file})
          string(APPEND failures "\n  src/${shown}: ${module}/ may not include ${used}/ "
                                 "(it may use: ${allowed})")
        endif()
      endforeach()
    endforeach()
  endforeach()
  if(failures)
    message(FATAL_ERROR "narrate: layer rules broken (see STYLE.md, CMakeLists.txt):${failures}")
  endif()
endfunction()

if(CMAKE_SCRIPT_MODE_FILE AND DEFINED NARRATE_SOURCE_DIR)
  narrate_check_layers("${NARRATE_SOURCE_DIR}" "${NARRATE_LAYERS}")
  message(STATUS "narrate: layer rules hold")
endif()

# The activation layer's fast paths for the non-elementwise kinds (src/net/act_kinds.c) against the
# reference layer, for every such catalog entry; and one against two threads, bitwise.
add_executable(test_act_kinds test_act_kinds.c)
target_link_libraries(test_act_kinds PRIVATE activ_static)
target_include_directories(test_act_kinds PRIVATE ${PROJECT_SOURCE_DIR}/src)
foreach(case compare threads)
  add_test(NAME act_kinds.${case} COMMAND test_act_kinds ${case})
endforeach()

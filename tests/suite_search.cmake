# The activation search (src/search): its JSON reader, journal, run list,
# and whole searches on a small synthetic data set, killed and resumed.
add_executable(test_search test_search.c)
target_link_libraries(test_search PRIVATE activ_app)
add_test(NAME search.units COMMAND test_search ${CMAKE_CURRENT_BINARY_DIR})
add_test(NAME search.resume COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/test_search_resume.sh $<TARGET_FILE:activ_cli>
         $<TARGET_FILE:make_idx> $<TARGET_FILE:test_search>)
set_tests_properties(search.resume PROPERTIES TIMEOUT 120)

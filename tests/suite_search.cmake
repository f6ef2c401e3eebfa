# The activation search (src/search): its JSON reader, journal, run list,
# and whole searches on a small synthetic data set, killed and resumed.
add_executable(test_search test_search.c)
target_link_libraries(test_search PRIVATE activ_app)
add_test(NAME search.units COMMAND test_search ${CMAKE_CURRENT_BINARY_DIR})
add_test(NAME search.resume COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/test_search_resume.sh $<TARGET_FILE:activ_cli>
         $<TARGET_FILE:make_idx> $<TARGET_FILE:test_search>)
set_tests_properties(search.resume PROPERTIES TIMEOUT 120)
# Shards merged (activ search --shard K/N, activ merge), and the search over
# MPI ranks (skipped, 77, in a build without MPI or without mpirun).
add_test(NAME search.shard COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/test_shard.sh $<TARGET_FILE:activ_cli>
         $<TARGET_FILE:make_idx> $<TARGET_FILE:test_search>)
if(ACTIV_MPI)
  set(ACTIV_TEST_HAS_MPI 1)
else()
  set(ACTIV_TEST_HAS_MPI 0)
endif()
add_test(NAME search.mpi COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/test_mpi.sh $<TARGET_FILE:activ_cli>
         $<TARGET_FILE:make_idx> $<TARGET_FILE:test_search> ${ACTIV_TEST_HAS_MPI})
set_tests_properties(search.shard search.mpi PROPERTIES TIMEOUT 120)
set_tests_properties(search.mpi PROPERTIES SKIP_RETURN_CODE 77)

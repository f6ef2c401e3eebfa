# Statistics and reports of a search (src/search/stats.c, src/report/report*.c).
add_executable(test_stats test_stats.c)
target_link_libraries(test_stats PRIVATE activ_app)
add_test(NAME report.stats COMMAND test_stats)

# The data layer (src/data): loaders, corrupt files, split, stats, augmentation, named sets.
add_executable(test_data test_data.c)
target_include_directories(test_data PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(test_data PRIVATE activ_static ZLIB::ZLIB)
foreach(case idx idx_gz idx_corrupt cifar split stats augment named_dir named)
  add_test(NAME data.${case} COMMAND test_data ${case})
endforeach()
set_tests_properties(data.named PROPERTIES SKIP_RETURN_CODE 77)

# The data layer (src/data): loaders, corrupt files, split, stats, augmentation, named sets.
add_executable(test_data test_data.c)
target_include_directories(test_data PRIVATE ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(test_data PRIVATE activ_static ZLIB::ZLIB)
foreach(case idx idx_gz idx_corrupt cifar split stats augment named_dir named)
  add_test(NAME data.${case} COMMAND test_data ${case})
endforeach()
set_tests_properties(data.named PROPERTIES SKIP_RETURN_CODE 77)

# Fuzz targets (fuzz/fuzz_*.c, fuzzed by scripts/fuzz.sh with clang): their seed
# corpora and saved crashers replayed with the normal compiler.
foreach(target idx cifar spec model)
  add_executable(fuzz_replay_${target} fuzz_replay.c ${PROJECT_SOURCE_DIR}/fuzz/fuzz_${target}.c)
  target_include_directories(fuzz_replay_${target} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/fuzz)
  target_link_libraries(fuzz_replay_${target} PRIVATE activ_static)
  add_test(NAME fuzz.replay.${target} COMMAND fuzz_replay_${target}
           ${PROJECT_SOURCE_DIR}/fuzz/corpus/${target} ${PROJECT_SOURCE_DIR}/fuzz/regress/${target})
endforeach()

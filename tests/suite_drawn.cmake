# Stochastic entries in training on the vector kernels, against the reference layer's draws.
add_executable(test_drawn test_drawn.c)
target_link_libraries(test_drawn PRIVATE activ_static)
add_test(NAME drawn COMMAND test_drawn)

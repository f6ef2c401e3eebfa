# The training engine (src/net): gradients of every layer kind, learning, determinism, checkpoints.
add_executable(test_net test_net.c)
target_link_libraries(test_net PRIVATE activ_static)
target_include_directories(test_net PRIVATE ${PROJECT_SOURCE_DIR}/src)
foreach(case dense conv conv_winograd conv_groups maxpool avgpool gap batchnorm layernorm residual nested_residual dropout
        act_params act_unit act_gated act_stochastic act_data)
  add_test(NAME net.grad.${case} COMMAND test_net grad ${case})
endforeach()
foreach(case forward conv_paths toy determinism diverge parse)
  add_test(NAME net.${case} COMMAND test_net ${case})
endforeach()
add_test(NAME net.checkpoint COMMAND test_net checkpoint ${CMAKE_CURRENT_BINARY_DIR})

# activ train from the command line, on a synthetic data set in Fashion-MNIST's format
add_executable(make_idx make_idx.c)
target_link_libraries(make_idx PRIVATE ZLIB::ZLIB)
add_test(NAME net.train_cli COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/test_train_cli.sh $<TARGET_FILE:activ_cli>
         $<TARGET_FILE:make_idx>)

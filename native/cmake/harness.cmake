# The backend-agnostic harness: protocol, JSON, generator, dtypes, timing, verification, host info.
string(TOUPPER "${CMAKE_BUILD_TYPE}" _mpsbench_type_upper)
string(STRIP "${CMAKE_CXX_FLAGS} ${CMAKE_CXX_FLAGS_${_mpsbench_type_upper}}" MPSBENCH_BUILD_FLAGS)
set(MPSBENCH_BUILD_COMPILER "${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION}")
configure_file(${CMAKE_CURRENT_LIST_DIR}/build_config.h.in
               ${CMAKE_BINARY_DIR}/generated/mpsbench/build_config.h @ONLY)

add_library(mpsbench_harness STATIC
  harness/src/dtype.cpp
  harness/src/generator.cpp
  harness/src/host_info.cpp
  harness/src/hello.cpp
  harness/src/inputs.cpp
  harness/src/json_parse.cpp
  harness/src/json_value.cpp
  harness/src/json_write.cpp
  harness/src/layout.cpp
  harness/src/protocol.cpp
  harness/src/run_case.cpp
  harness/src/runner_env.cpp
  harness/src/runner_main.cpp
  harness/src/timing.cpp
  harness/src/verify.cpp
  harness/src/verify_attention.cpp
  harness/src/verify_bandwidth.cpp
  harness/src/verify_infer.cpp
  harness/src/verify_train.cpp
  harness/src/workload.cpp)
target_include_directories(mpsbench_harness
  PUBLIC ${CMAKE_CURRENT_LIST_DIR}/../harness/include
  PRIVATE ${CMAKE_BINARY_DIR}/generated)
target_compile_options(mpsbench_harness PRIVATE ${MPSBENCH_WARNINGS})
# runner_main's parent watchdog is a std::thread.
find_package(Threads REQUIRED)
target_link_libraries(mpsbench_harness PUBLIC Threads::Threads)

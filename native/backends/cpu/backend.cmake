# The CPU runner (mpsbench-runner-cpu): BLAS from Accelerate (macOS) or OpenBLAS (Linux). Included by
# native/CMakeLists.txt; MPSBENCH_CPU=OFF skips it. The kernels are a library so that the native
# tests can drive them directly.
if(NOT MPSBENCH_CPU)
  return()
endif()

add_library(mpsbench_cpu STATIC
  ${CMAKE_CURRENT_LIST_DIR}/cpu_attention.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cpu_backend.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cpu_bandwidth.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cpu_blas.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cpu_conv.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cpu_infer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cpu_matmul.cpp
  ${CMAKE_CURRENT_LIST_DIR}/cpu_mlp.cpp)
find_package(Threads REQUIRED)
target_link_libraries(mpsbench_cpu PUBLIC mpsbench_harness Threads::Threads)
target_compile_options(mpsbench_cpu PRIVATE ${MPSBENCH_WARNINGS})

if(APPLE)
  find_library(MPSBENCH_ACCELERATE Accelerate REQUIRED)
  target_link_libraries(mpsbench_cpu PUBLIC ${MPSBENCH_ACCELERATE})
  target_compile_definitions(mpsbench_cpu PRIVATE ACCELERATE_NEW_LAPACK MPSBENCH_ACCELERATE)
else()
  find_path(MPSBENCH_OPENBLAS_INCLUDE openblas_config.h PATH_SUFFIXES openblas openblas-pthread)
  find_library(MPSBENCH_OPENBLAS_LIB NAMES openblas)
  if(NOT MPSBENCH_OPENBLAS_INCLUDE OR NOT MPSBENCH_OPENBLAS_LIB)
    message(FATAL_ERROR "OpenBLAS not found: install libopenblas-dev (Debian/Ubuntu), openblas-devel (Fedora) "
                        "or openblas (Homebrew), or pass -DMPSBENCH_CPU=OFF")
  endif()
  target_include_directories(mpsbench_cpu SYSTEM PRIVATE ${MPSBENCH_OPENBLAS_INCLUDE})
  target_link_libraries(mpsbench_cpu PUBLIC ${MPSBENCH_OPENBLAS_LIB})
endif()

# The runner is the shared entry point plus the library, which holds make_backend().
mpsbench_add_runner(cpu)
target_link_libraries(mpsbench-runner-cpu PRIVATE mpsbench_cpu)

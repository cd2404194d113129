# The CPU runner: BLAS from Accelerate (macOS) or OpenBLAS (Linux).
add_library(mpsbench_cpu STATIC
  backends/cpu/cpu_backend.cpp
  backends/cpu/cpu_blas.cpp
  backends/cpu/cpu_conv.cpp
  backends/cpu/cpu_matmul.cpp
  backends/cpu/cpu_mlp.cpp)
target_link_libraries(mpsbench_cpu PUBLIC mpsbench_harness)
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

mpsbench_add_runner(cpu backends/cpu/cpu_main.cpp)
target_link_libraries(mpsbench-runner-cpu PRIVATE mpsbench_cpu)

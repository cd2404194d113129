# The CUDA runner (mpsbench-runner-cuda), included by native/CMakeLists.txt. MPSBENCH_CUDA: AUTO
# builds it when a CUDA compiler and cuBLAS are found, ON insists, OFF skips it.
# cuBLAS (matmul, train) is required: without it the runner is skipped (MPSBENCH_CUDA=AUTO) or the
# configuration fails (ON). cuDNN (conv2d) is optional: without it the runner builds and reports
# conv2d unsupported, with the reason, in its hello. cuDNN is looked for under CUDNN_ROOT (cache
# variable or environment), then in python's NVIDIA wheels (site-packages/nvidia/cudnn, as PyTorch
# installs them), then beside the CUDA toolkit.

if(NOT (MPSBENCH_CUDA STREQUAL "AUTO" OR MPSBENCH_CUDA))
  return()
endif()
include(CheckLanguage)
check_language(CUDA)
if(NOT CMAKE_CUDA_COMPILER)
  if(NOT MPSBENCH_CUDA STREQUAL "AUTO")
    message(FATAL_ERROR "MPSBENCH_CUDA=ON but no CUDA compiler was found: install the CUDA toolkit (nvcc)")
  endif()
  return()
endif()

find_package(CUDAToolkit QUIET)

# Where python's NVIDIA wheels live (nvidia/cublas, nvidia/cudnn, nvidia/cu13 ...), as hints.
find_program(MPSBENCH_PYTHON NAMES python3 python)
set(_mpsbench_wheel_hints "")
if(MPSBENCH_PYTHON)
  execute_process(
    COMMAND ${MPSBENCH_PYTHON} -c "import nvidia, os; print(';'.join(os.path.abspath(p) for p in nvidia.__path__))"
    OUTPUT_VARIABLE _mpsbench_nvidia RESULT_VARIABLE _mpsbench_rc OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(_mpsbench_rc EQUAL 0)
    foreach(_d IN LISTS _mpsbench_nvidia)
      list(APPEND _mpsbench_wheel_hints ${_d}/cudnn ${_d}/cublas ${_d}/cu13 ${_d}/cu12)
    endforeach()
  endif()
endif()

# cuBLAS: the toolkit's, else a wheel's.
if(TARGET CUDA::cublas AND TARGET CUDA::cudart)
  set(_mpsbench_cublas CUDA::cublas)
else()
  find_path(MPSBENCH_CUBLAS_INCLUDE cublas_v2.h HINTS ${_mpsbench_wheel_hints} PATH_SUFFIXES include NO_DEFAULT_PATH)
  find_library(MPSBENCH_CUBLAS_LIB NAMES cublas libcublas.so.13 libcublas.so.12 NAMES_PER_DIR
               HINTS ${_mpsbench_wheel_hints} PATH_SUFFIXES lib lib64 NO_DEFAULT_PATH)
  if(TARGET CUDA::cudart AND MPSBENCH_CUBLAS_INCLUDE AND MPSBENCH_CUBLAS_LIB)
    add_library(mpsbench_cublas INTERFACE)
    target_include_directories(mpsbench_cublas SYSTEM INTERFACE ${MPSBENCH_CUBLAS_INCLUDE})
    target_link_libraries(mpsbench_cublas INTERFACE ${MPSBENCH_CUBLAS_LIB})
    set(_mpsbench_cublas mpsbench_cublas)
  endif()
endif()
if(NOT _mpsbench_cublas)
  set(_mpsbench_why "CUDA compiler ${CMAKE_CUDA_COMPILER} found, but no cuBLAS (CUDA toolkit: ${CUDAToolkit_LIBRARY_DIR})")
  if(MPSBENCH_CUDA STREQUAL "AUTO")
    message(STATUS "mpsbench: ${_mpsbench_why}; skipping the CUDA runner")
    return()
  endif()
  message(FATAL_ERROR "MPSBENCH_CUDA=ON: ${_mpsbench_why}")
endif()

# cuDNN (optional).
set(CUDNN_ROOT "$ENV{CUDNN_ROOT}" CACHE PATH "cuDNN install (include/, lib/); empty: python's nvidia.cudnn, then the toolkit")
find_path(MPSBENCH_CUDNN_INCLUDE cudnn.h
          HINTS ${CUDNN_ROOT} ${_mpsbench_wheel_hints} ${CUDAToolkit_INCLUDE_DIRS} PATH_SUFFIXES include)
find_library(MPSBENCH_CUDNN_LIB NAMES cudnn libcudnn.so.9 libcudnn.so.8 NAMES_PER_DIR
             HINTS ${CUDNN_ROOT} ${_mpsbench_wheel_hints} ${CUDAToolkit_LIBRARY_DIR} PATH_SUFFIXES lib lib64)

if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES)
  set(CMAKE_CUDA_ARCHITECTURES 80 90)
endif()
set(CMAKE_CUDA_STANDARD 17)
set(CMAKE_CUDA_STANDARD_REQUIRED ON)
set(CMAKE_CUDA_FLAGS_RELEASE "-O3 -DNDEBUG")
enable_language(CUDA)

# Without cuDNN, cuda_conv_none.cpp answers conv2d `unsupported` with the reason; with it, the conv
# kernel and its algorithm search are compiled.
# Attention likewise: cudnn_attention.cpp (cuDNN's fused flash attention graph) with cuDNN, unless
# MPSBENCH_CUDNN_ATTENTION (cache variable or environment) is OFF; otherwise cudnn_attention_none.cpp,
# and every attention case runs the unfused kernels, saying why in its info.
set(_mpsbench_cuda_dir ${CMAKE_CURRENT_LIST_DIR})
set(MPSBENCH_CUDNN_ATTENTION ON CACHE STRING "ON: attention through cuDNN's graph API when cuDNN is found; OFF: unfused kernels only")
set(_mpsbench_attention "${MPSBENCH_CUDNN_ATTENTION}")
if(DEFINED ENV{MPSBENCH_CUDNN_ATTENTION})  # the environment wins (not cached)
  set(_mpsbench_attention "$ENV{MPSBENCH_CUDNN_ATTENTION}")
endif()
set(_mpsbench_attention_off FALSE)
if(_mpsbench_attention STREQUAL "OFF")
  set(_mpsbench_attention_off TRUE)
endif()
if(MPSBENCH_CUDNN_INCLUDE AND MPSBENCH_CUDNN_LIB)
  set(_mpsbench_conv_sources ${_mpsbench_cuda_dir}/cuda_conv.cpp ${_mpsbench_cuda_dir}/cudnn_search.cpp)
  if(_mpsbench_attention_off)
    list(APPEND _mpsbench_conv_sources ${_mpsbench_cuda_dir}/cudnn_attention_none.cpp)
  else()
    list(APPEND _mpsbench_conv_sources ${_mpsbench_cuda_dir}/cudnn_attention.cpp)
  endif()
else()
  set(_mpsbench_conv_sources ${_mpsbench_cuda_dir}/cuda_conv_none.cpp ${_mpsbench_cuda_dir}/cudnn_attention_none.cpp)
endif()
mpsbench_add_runner(cuda
  ${_mpsbench_cuda_dir}/cuda_attention.cpp
  ${_mpsbench_cuda_dir}/cuda_backend.cpp
  ${_mpsbench_cuda_dir}/cuda_bandwidth.cpp
  ${_mpsbench_cuda_dir}/cuda_common.cpp
  ${_mpsbench_cuda_dir}/cuda_matmul.cpp
  ${_mpsbench_cuda_dir}/cuda_mlp.cpp
  ${_mpsbench_cuda_dir}/cuda_kernels.cu
  ${_mpsbench_cuda_dir}/cuda_stream_kernels.cu
  ${_mpsbench_conv_sources})
# nvcc takes no -Wall: the harness's warnings apply to the C++ file; the .cu gets the host
# compiler's through -Xcompiler, and nvcc's own warnings as errors.
set_property(TARGET mpsbench-runner-cuda PROPERTY COMPILE_OPTIONS
  "$<$<COMPILE_LANGUAGE:CXX>:${MPSBENCH_WARNINGS}>"
  "$<$<COMPILE_LANGUAGE:CUDA>:-Xcompiler=-Wall,-Wextra;-Werror=all-warnings>")
# One CUDA runtime, the shared one, for the C++ file, the kernels and the libraries alike.
set_property(TARGET mpsbench-runner-cuda PROPERTY CUDA_RUNTIME_LIBRARY Shared)
target_link_libraries(mpsbench-runner-cuda PRIVATE ${_mpsbench_cublas} CUDA::cudart)

if(MPSBENCH_CUDNN_INCLUDE AND MPSBENCH_CUDNN_LIB)
  file(STRINGS ${MPSBENCH_CUDNN_INCLUDE}/cudnn_version.h _mpsbench_cudnn_major REGEX "^#define CUDNN_MAJOR ")
  target_include_directories(mpsbench-runner-cuda SYSTEM PRIVATE ${MPSBENCH_CUDNN_INCLUDE})
  target_link_libraries(mpsbench-runner-cuda PRIVATE ${MPSBENCH_CUDNN_LIB})
  # DT_RPATH (not RUNPATH) so that cuDNN's own dlopen of its sub-libraries (libcudnn_cnn ...) finds
  # them beside libcudnn when they are not on the loader's path.
  if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
    target_link_options(mpsbench-runner-cuda PRIVATE "LINKER:--disable-new-dtags")
  endif()
  if(_mpsbench_attention_off)
    target_compile_definitions(mpsbench-runner-cuda PRIVATE MPSBENCH_CUDNN_ATTENTION_OFF)
  endif()
  message(STATUS "mpsbench: CUDA runner with cuBLAS and cuDNN (${MPSBENCH_CUDNN_INCLUDE}, ${MPSBENCH_CUDNN_LIB}, ${_mpsbench_cudnn_major})")
else()
  message(STATUS "mpsbench: CUDA runner with cuBLAS; cuDNN not found (set CUDNN_ROOT), conv2d will be unsupported")
endif()

# The MPS runner (mpsbench-runner-mps): MPSGraph on the Apple GPU, Objective-C++ (docs/mps.md).
# Included by native/CMakeLists.txt. MPSBENCH_MPS: AUTO builds it on Apple arm64 only, ON insists
# (and fails elsewhere), OFF skips it.
if(MPSBENCH_MPS STREQUAL "AUTO")
  if(NOT (APPLE AND CMAKE_SYSTEM_PROCESSOR MATCHES "arm64|aarch64"))
    return()
  endif()
elseif(NOT MPSBENCH_MPS)
  return()
elseif(NOT APPLE)
  message(FATAL_ERROR "MPSBENCH_MPS=ON needs macOS on Apple silicon")
endif()

# MPSGraph executables and optimisation levels need macOS 12.3; bf16 (macOS 14) is checked at run time.
# native/CMakeLists.txt defaults the deployment target to 13.3 on macOS.
if(CMAKE_OSX_DEPLOYMENT_TARGET AND CMAKE_OSX_DEPLOYMENT_TARGET VERSION_LESS 12.3)
  message(FATAL_ERROR "the MPS runner needs CMAKE_OSX_DEPLOYMENT_TARGET >= 12.3 (got ${CMAKE_OSX_DEPLOYMENT_TARGET})")
endif()
enable_language(OBJCXX)
set(_mpsbench_mps_dir ${CMAKE_CURRENT_LIST_DIR})
# Objective-C++ for what touches Metal; plain C++ for the decisions tested on every machine
# (native/tests: guards, macOS version, timer bookkeeping).
mpsbench_add_runner(mps
  ${_mpsbench_mps_dir}/mps_backend.mm
  ${_mpsbench_mps_dir}/mps_device.mm
  ${_mpsbench_mps_dir}/mps_graph.mm
  ${_mpsbench_mps_dir}/mps_attention.mm
  ${_mpsbench_mps_dir}/mps_bandwidth.mm
  ${_mpsbench_mps_dir}/mps_infer.mm
  ${_mpsbench_mps_dir}/gpu_timeline.cpp
  ${_mpsbench_mps_dir}/mps_guards.cpp
  ${_mpsbench_mps_dir}/mps_platform.cpp)
set_target_properties(mpsbench-runner-mps PROPERTIES OBJCXX_STANDARD 17 OBJCXX_STANDARD_REQUIRED ON OBJCXX_EXTENSIONS OFF)
# ARC; a deprecation in a newer SDK stays a warning rather than breaking a user's first build.
set(_mpsbench_objcxx_flags -fobjc-arc -Wno-error=deprecated-declarations)
target_compile_options(mpsbench-runner-mps PRIVATE "$<$<COMPILE_LANGUAGE:OBJCXX>:${_mpsbench_objcxx_flags}>")
# hello.runner.build.flags names the harness's C++ flags; the Objective-C++ ones are added (N7).
string(TOUPPER "${CMAKE_BUILD_TYPE}" _mpsbench_mps_type)
string(STRIP "objcxx: ${CMAKE_OBJCXX_FLAGS} ${CMAKE_OBJCXX_FLAGS_${_mpsbench_mps_type}} -fobjc-arc, deployment target ${CMAKE_OSX_DEPLOYMENT_TARGET}"
       _mpsbench_objcxx_desc)
target_compile_definitions(mpsbench-runner-mps PRIVATE "MPSBENCH_OBJCXX_FLAGS=\"${_mpsbench_objcxx_desc}\"")
# CoreGraphics: without it MTLCreateSystemDefaultDevice() returns nil in a command-line tool.
target_link_libraries(mpsbench-runner-mps PRIVATE "-framework Foundation" "-framework Metal"
  "-framework MetalPerformanceShaders" "-framework MetalPerformanceShadersGraph" "-framework CoreGraphics"
  "-framework IOKit")

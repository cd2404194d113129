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
if(CMAKE_OSX_DEPLOYMENT_TARGET AND CMAKE_OSX_DEPLOYMENT_TARGET VERSION_LESS 12.3)
  message(FATAL_ERROR "the MPS runner needs CMAKE_OSX_DEPLOYMENT_TARGET >= 12.3 (got ${CMAKE_OSX_DEPLOYMENT_TARGET})")
endif()
enable_language(OBJCXX)
mpsbench_add_runner(mps ${CMAKE_CURRENT_LIST_DIR}/mps_backend.mm)
set_target_properties(mpsbench-runner-mps PROPERTIES OBJCXX_STANDARD 17 OBJCXX_STANDARD_REQUIRED ON OBJCXX_EXTENSIONS OFF)
# ARC; a deprecation in a newer SDK stays a warning rather than breaking a user's first build.
target_compile_options(mpsbench-runner-mps PRIVATE -fobjc-arc -Wno-error=deprecated-declarations)
# CoreGraphics: without it MTLCreateSystemDefaultDevice() returns nil in a command-line tool.
target_link_libraries(mpsbench-runner-mps PRIVATE "-framework Foundation" "-framework Metal"
  "-framework MetalPerformanceShaders" "-framework MetalPerformanceShadersGraph" "-framework CoreGraphics"
  "-framework IOKit")

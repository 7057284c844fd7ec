# Shared compile settings for every AVT target: C++20, strict warnings, and Qt's
# no-implicit-ASCII-cast rule (for targets that use Qt).
add_library(avt_options INTERFACE)
if(AVT_FUZZ)
  target_compile_features(avt_options INTERFACE cxx_std_17) # see AVT_FUZZ in CMakeLists.txt
else()
  target_compile_features(avt_options INTERFACE cxx_std_20)
endif()
target_compile_options(avt_options INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wno-unused-parameter>)

add_library(avt_qt_options INTERFACE)
target_compile_definitions(avt_qt_options INTERFACE
  QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_NO_URL_CAST_FROM_STRING)

# avt_torch_pch(target): precompile the LibTorch headers for a target (compiling
# torch/torch.h dominates build time otherwise).
# Not in AVT_FUZZ builds: clang instantiates the PCH's templates eagerly, which LibTorch 1.13's
# headers do not survive.
function(avt_torch_pch target)
  if(NOT AVT_FUZZ)
    target_precompile_headers(${target} PRIVATE <torch/torch.h>)
  endif()
endfunction()

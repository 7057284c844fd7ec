#pragma once
// Versions of the model engine and of the LibTorch it was built against.
#include <string>

namespace avt::model {

// LibTorch version as "major.minor.patch" (from TORCH_VERSION_* at build time).
std::string torchVersion();
// True when this LibTorch build has CUDA and at least one device is visible.
bool cudaAvailable();

} // namespace avt::model

#include "model/version.h"

#include <torch/torch.h>
#include <torch/version.h>

namespace avt::model {

std::string torchVersion()
{
    return std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "."
           + std::to_string(TORCH_VERSION_PATCH);
}

bool cudaAvailable() { return torch::cuda::is_available(); }

} // namespace avt::model

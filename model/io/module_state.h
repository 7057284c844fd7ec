#pragma once
// A module's parameters and buffers as a state dict (name -> tensor, the names of
// torch::nn::Module::named_parameters / named_buffers), to save with torch_writer.h and to load
// from what checkpoint_reader.h read.
//
//   writeTorchSave(path, pickleDict({{"model", moduleState(*net)}}));
//   Checkpoint ckpt; readCheckpoint(path, ckpt);
//   StateMatch m = loadModuleState(*net, ckpt.tensors, /*strict=*/true);  // throws on mismatch
#include "model/io/pickle_value.h"

#include <string>
#include <utility>
#include <vector>

namespace torch::nn {
class Module;
}

namespace avt::model {

// Dict of detached tensors (no copies), parameters first, then buffers.
PickleValue moduleState(const torch::nn::Module &module);

struct StateMatch {
    int loaded = 0;
    std::vector<std::string> kept;       // module tensors the file lacks (left as they were)
    std::vector<std::string> mismatched; // "name: file [..] vs model [..]" (left as they were)
    std::vector<std::string> unused;     // file tensors the module has no place for
};

// Copies every tensor of `state` whose name and shape match into the module (converting dtype,
// without autograd). strict: the names must match exactly and every shape too, else
// std::runtime_error naming the first difference, and nothing is copied.
StateMatch loadModuleState(torch::nn::Module &module, const std::vector<std::pair<std::string, at::Tensor>> &state,
                           bool strict);

} // namespace avt::model

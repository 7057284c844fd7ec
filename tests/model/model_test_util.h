#pragma once
// Helpers shared by the model tests: fixtures (.npy + index.txt) into tensors and modules,
// small random inputs, and a few-step training loop.
#include "model/avt/avt_model.h"
#include "model/losses/losses.h"

#include <map>
#include <string>

namespace avt::test {

// Reads tests/fixtures/model/<name>/<tensor>.npy for every line of index.txt. Throws on error.
std::map<std::string, torch::Tensor> loadFixture(const std::string &name);

// Copies fixture tensors "<prefix><param name>" into the module's parameters and buffers;
// returns the number of module tensors that had no fixture (should be 0).
int loadIntoModule(torch::nn::Module &module, const std::map<std::string, torch::Tensor> &fx,
                   const std::string &prefix = "param.");

// Random inputs shaped for cfg: audio [B, T, F], video [B, 3, T, H, W]; masks (~25% tokens) when
// withMasks.
model::AvtInputs randomInputs(const model::ModelConfig &cfg, int64_t batch, bool withMasks, uint64_t seed = 1);

// Runs `steps` AdamW steps (lr) on one fixed batch; returns the total loss before each step
// plus the loss after the last one (steps + 1 values).
std::vector<double> trainSteps(const model::ModelConfig &cfg, int64_t batch, int steps, double lr = 1e-3);

} // namespace avt::test

#include "model/io/module_state.h"

#include <torch/torch.h>

#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

namespace avt::model {
namespace {

std::string shapeText(const at::Tensor &t)
{
    std::string s = "[";
    for (int64_t d = 0; d < t.dim(); ++d)
        s += (d ? ", " : "") + std::to_string(t.size(d));
    return s + "]";
}

std::vector<std::pair<std::string, at::Tensor>> moduleTensors(const torch::nn::Module &module)
{
    std::vector<std::pair<std::string, at::Tensor>> out;
    for (const auto &p : module.named_parameters())
        out.emplace_back(p.key(), p.value());
    for (const auto &b : module.named_buffers())
        out.emplace_back(b.key(), b.value());
    return out;
}

} // namespace

PickleValue moduleState(const torch::nn::Module &module)
{
    PickleValue d = PickleValue::makeDict();
    for (auto &[name, t] : moduleTensors(module))
        d.pairs->emplace_back(PickleValue::makeString(name), PickleValue::makeTensor(t.detach()));
    return d;
}

StateMatch loadModuleState(torch::nn::Module &module, const std::vector<std::pair<std::string, at::Tensor>> &state,
                           bool strict)
{
    std::unordered_map<std::string, const at::Tensor *> byName;
    for (const auto &[name, t] : state)
        byName[name] = &t;
    const auto targets = moduleTensors(module);
    StateMatch m;
    std::vector<std::pair<at::Tensor, const at::Tensor *>> copies;
    std::unordered_set<std::string> known;
    for (const auto &[name, target] : targets) {
        known.insert(name);
        auto it = byName.find(name);
        if (it == byName.end()) {
            m.kept.push_back(name);
            continue;
        }
        if (it->second->sizes() != target.sizes()) {
            m.mismatched.push_back(name + ": file " + shapeText(*it->second) + " vs model " + shapeText(target));
            continue;
        }
        copies.emplace_back(target, it->second);
    }
    for (const auto &[name, t] : state)
        if (!known.count(name))
            m.unused.push_back(name);
    if (strict) {
        if (!m.kept.empty())
            throw std::runtime_error("the file has no " + m.kept.front() + " (" + std::to_string(m.kept.size())
                                     + " tensors of the model missing)");
        if (!m.mismatched.empty())
            throw std::runtime_error("shape mismatch for " + m.mismatched.front());
        if (!m.unused.empty())
            throw std::runtime_error("the file's " + m.unused.front() + " has no place in this model ("
                                     + std::to_string(m.unused.size()) + " unexpected tensors)");
    }
    torch::NoGradGuard noGrad;
    for (auto &[target, source] : copies)
        target.copy_(*source);
    m.loaded = int(copies.size());
    return m;
}

} // namespace avt::model

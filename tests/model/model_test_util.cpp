#include "model_test_util.h"

#include "model/io/npy.h"

#include <torch/torch.h>

#include <fstream>
#include <stdexcept>

namespace avt::test {

std::map<std::string, torch::Tensor> loadFixture(const std::string &name)
{
    // Appended piecewise: GCC 14 warns (-Warray-bounds, a false positive) on the chain of '+'.
    std::string dir = AVT_FIXTURES_DIR;
    dir += "/model/";
    dir += name;
    dir += '/';
    std::ifstream index(dir + "index.txt");
    if (!index)
        throw std::runtime_error("missing fixture index " + dir + "index.txt");
    std::map<std::string, torch::Tensor> out;
    std::string key;
    while (std::getline(index, key)) {
        if (key.empty())
            continue;
        model::NpyArray a;
        std::string err;
        if (!model::readNpy(dir + key + ".npy", a, &err))
            throw std::runtime_error(err);
        if (a.dtype == model::NpyDtype::Int64) {
            auto v = a.toInt64();
            out[key] = torch::tensor(v, torch::kLong).reshape(a.shape);
        } else {
            auto v = a.toFloat();
            out[key] = torch::tensor(v, torch::kFloat).reshape(a.shape);
        }
    }
    return out;
}

int loadIntoModule(torch::nn::Module &module, const std::map<std::string, torch::Tensor> &fx, const std::string &prefix)
{
    torch::NoGradGuard guard;
    int missing = 0;
    auto copy = [&](const std::string &name, torch::Tensor &t) {
        auto it = fx.find(prefix + name);
        if (it == fx.end() || it->second.sizes() != t.sizes()) {
            std::fprintf(stderr, "  fixture lacks %s%s or its shape differs\n", prefix.c_str(), name.c_str());
            ++missing;
            return;
        }
        t.copy_(it->second);
    };
    for (auto &p : module.named_parameters())
        copy(p.key(), p.value());
    for (auto &b : module.named_buffers())
        copy(b.key(), b.value());
    return missing;
}

model::AvtInputs randomInputs(const model::ModelConfig &cfg, int64_t batch, bool withMasks, uint64_t seed)
{
    auto gen = at::make_generator<at::CPUGeneratorImpl>(seed);
    model::AvtInputs in;
    if (cfg.hasAudio()) {
        in.audio = at::randn({batch, cfg.audio.frames, cfg.audio.melBins}, gen, torch::kFloat);
        if (withMasks)
            in.audioMask = at::rand({batch, cfg.audio.numPatches()}, gen, torch::kFloat).lt(0.25);
    }
    if (cfg.hasVideo()) {
        in.video = at::randn({batch, 3, cfg.video.frames, cfg.video.size, cfg.video.size}, gen, torch::kFloat);
        if (withMasks)
            in.videoMask = at::rand({batch, cfg.video.numEmbedTokens()}, gen, torch::kFloat).lt(0.25);
    }
    return in;
}

std::vector<double> trainSteps(const model::ModelConfig &cfg, int64_t batch, int steps, double lr)
{
    model::AvtModel net(cfg);
    net->train();
    auto in = randomInputs(cfg, batch, /*withMasks=*/true);
    auto labels = torch::arange(batch, torch::kLong) % cfg.head.classes;
    auto nounLabels =
        cfg.head.nounClasses > 0 ? torch::arange(batch, torch::kLong) % cfg.head.nounClasses : torch::Tensor();
    torch::optim::AdamW opt(net->parameters(), torch::optim::AdamWOptions(lr).weight_decay(0.05));
    std::vector<double> losses;
    model::LossWeights w;
    w.masked = 0.01;
    for (int s = 0; s <= steps; ++s) {
        auto gen = at::make_generator<at::CPUGeneratorImpl>(7); // same negatives every step
        auto out = net->forward(in, /*reconstruct=*/true);
        auto terms = model::computeLosses(*net, in, out, labels, w, nounLabels, {}, gen);
        losses.push_back(terms.total.item<double>());
        if (s == steps)
            break;
        opt.zero_grad();
        terms.total.backward();
        opt.step();
    }
    return losses;
}

} // namespace avt::test

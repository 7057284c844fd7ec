#pragma once
// Feature taps: named intermediate activations recorded during a forward pass, for Grad-CAM and
// for inspecting a model without knowing its code.
//
//   avt::model::TapScope scope({"video.blocks4.1", "audio.blocks.3"});  // {} = record every tap
//   auto out = net->forward(in);
//   at::Tensor act = scope.get("video.blocks4.1");   // still part of the autograd graph
//
// Modules call tapTensor(name, t) / tapBlock(prefix, k, t) at fixed points; with no scope active
// on the calling thread that is one thread-local load, so taps cost nothing in training.
// Names follow the parameter names of the module whose output is tapped:
//   audio.patch_embed, audio.blocks.N, audio.norm               [B, 2+Na, Da] (AST tokens)
//   video.patch_embed1, video.blocksS.N, video.norm             [B, C, T', H', W'] (UniFormer)
//   video.patch_embed, video.blocks.N, video.norm               [B, 1+Nv, Dv] (ViT, mbt)
//   fusion.video_blocks.K, fusion.audio_blocks.K                [B, 1+Nv', D] / [B, 2+Na, D] (avt)
//   fusion.blocks.K.video, fusion.blocks.K.audio                (concat, split per modality)
// In mbt mode the fused layers' tokens are recorded under the encoders' names (bottleneck
// tokens removed).
// Thread-safety: a scope records the taps of its own thread only; scopes nest (the inner one
// records, the outer one is restored when it ends).
#include <ATen/core/Tensor.h>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace avt::model {

class TapScope {
public:
    // Records the taps whose names are in `names`; an empty set records all of them.
    explicit TapScope(std::set<std::string> names = {});
    ~TapScope();
    TapScope(const TapScope &) = delete;
    TapScope &operator=(const TapScope &) = delete;

    bool wants(const std::string &name) const { return m_names.empty() || m_names.count(name) > 0; }
    void record(const std::string &name, const at::Tensor &t) { m_tensors[name] = t; }
    // The recorded tensor, or an undefined tensor when the tap did not fire.
    at::Tensor get(const std::string &name) const;
    // Every recorded tap, in name order.
    const std::map<std::string, at::Tensor> &tensors() const { return m_tensors; }
    // The order in which taps fired (first firing of each name), for listings.
    const std::vector<std::string> &order() const { return m_order; }

private:
    friend void tapTensor(const std::string &name, const at::Tensor &t);
    std::set<std::string> m_names;
    std::map<std::string, at::Tensor> m_tensors;
    std::vector<std::string> m_order;
    TapScope *m_previous = nullptr;
};

// True when a TapScope is active on this thread.
bool tapsActive();
// Records t under name in the active scope (when it wants the name).
void tapTensor(const std::string &name, const at::Tensor &t);
// tapTensor(prefix + "." + k, t), building the name only when a scope is active.
inline void tapBlock(const char *prefix, size_t k, const at::Tensor &t)
{
    if (tapsActive())
        tapTensor(std::string(prefix) + "." + std::to_string(k), t);
}

} // namespace avt::model

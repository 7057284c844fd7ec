#pragma once
// Importing official AST / DeiT / UniFormer checkpoints into our modules.
//
//   avt::model::Checkpoint ckpt;
//   if (!readCheckpoint(path, ckpt, &err)) ...
//   avt::model::ImportOptions opt;
//   opt.astGrid = {cfg.audio.freqPatches(), cfg.audio.timePatches()};
//   avt::model::ImportReport report = importWeights(*ast, ckpt, opt);
//   for (const std::string &line : report.lines()) std::cout << line << "\n";
//
// Works on any torch::nn::Module through named_parameters() / named_buffers(), copying under
// NoGradGuard (values are cast to the target's dtype and device). Checkpoint names are mapped
// onto ours by a short table:
//   - every leading "module." (DataParallel) is stripped;
//   - AST: the leading "v." is stripped (our AST = official names minus "v."); DeiT ImageNet
//     files have no "v." and map as they are; UniFormer names map exactly;
//   - ImportOptions::targetPrefix is put in front ("audio." / "video." inside the AVT model).
// Tensors whose shape differs from the target's are adapted where the official code does so:
//   - AST pos_embed [1, 2+Fs*Ts, C] -> [1, 2+F*T, C]: drop the 2 token rows, along time cut the
//     middle T columns (T <= Ts) or bilinear-interpolate (align_corners=False) to (Fs, T), then
//     along frequency the same to (F, T), put the token rows back (ast_models.py);
//   - a patch kernel [O, 3, kh, kw] into [O, 1, kh, kw]: sum over the RGB channels;
//   - a 2-D kernel [O, I, kh, kw] into [O, I, T, kh, kw]: repeat over time, divide by T;
//   - a classifier ("head" in the name) whose class count differs is skipped, as is any other
//     tensor whose shape cannot be adapted; classifiers the target lacks (DeiT's ImageNet
//     head / head_dist, AST's mlp_head, UniFormer's head inside the AVT model) are skipped too.
// The report lists loaded, adapted (with what), skipped (with why), missing (target tensors under
// the prefix that nothing was loaded into) and unexpected (checkpoint tensors with no target).
// Thread-safety: mutates the module; do not run it concurrently with a forward pass.
#include "model/io/checkpoint_reader.h"

#include <torch/nn/module.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace avt::model {

enum class WeightFamily { Auto, Ast, Uniformer };

// "ast", "uniformer" ("auto" -> Auto); false for an unknown name.
bool parseWeightFamily(const std::string &name, WeightFamily &out);
std::string weightFamilyName(WeightFamily family);

// Frequency x time patch grid of an AST position embedding.
struct PatchGrid {
    int64_t freq = 0;
    int64_t time = 0;
    bool valid() const { return freq > 0 && time > 0; }
};

struct ImportOptions {
    WeightFamily family = WeightFamily::Auto; // Auto: detected from the checkpoint's names
    std::string targetPrefix;                 // put before every mapped name ("audio.")
    PatchGrid astGrid;                        // the model's AST grid; unset: (source freq, rest) if it divides
    PatchGrid sourceGrid;                     // the checkpoint's; unset: square (DeiT) or 12 x n/12 (AudioSet)
};

struct ImportReport {
    std::string family;                                       // "ast" / "uniformer"
    std::vector<std::string> loaded;                          // target names, copied as they are
    std::vector<std::pair<std::string, std::string>> adapted; // target name, what was done
    std::vector<std::pair<std::string, std::string>> skipped; // checkpoint name, why
    std::vector<std::string> missing;                         // target names left untouched
    std::vector<std::string> unexpected;                      // checkpoint names without target

    // Every target tensor got a value and every checkpoint tensor was used or explained.
    bool complete() const { return missing.empty() && unexpected.empty(); }
    // Printable summary: a count line, then one line per adapted / skipped / missing /
    // unexpected name.
    std::vector<std::string> lines() const;
};

// The checkpoint's family from its names (UniFormer: patch_embed1.*; AST: dist_token).
WeightFamily detectWeightFamily(const Checkpoint &ckpt);

// Checkpoint name -> our name (without the target prefix).
std::string mapWeightName(const std::string &name, WeightFamily family);

// pos [1, 2+src.freq*src.time, C] -> [1, 2+dst.freq*dst.time, C], as described above.
at::Tensor adaptAstPosEmbed(const at::Tensor &pos, PatchGrid src, PatchGrid dst, std::string *how = nullptr);
// w [O, I, kh, kw] -> [O, I, time, kh, kw], each time slice w / time.
at::Tensor inflateKernel(const at::Tensor &w, int64_t time);
// w [O, 3, kh, kw] -> [O, 1, kh, kw], the sum over the input channels.
at::Tensor rgbKernelToMono(const at::Tensor &w);

// Copies the checkpoint's tensors into `module` (see above).
ImportReport importWeights(torch::nn::Module &module, const Checkpoint &ckpt, const ImportOptions &options = {});

} // namespace avt::model

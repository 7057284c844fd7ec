#include "model/io/weight_import.h"

#include <torch/torch.h>

#include <cmath>
#include <map>
#include <set>

namespace avt::model {
namespace {

bool startsWith(const std::string &s, const std::string &prefix) { return s.rfind(prefix, 0) == 0; }

std::string shapeText(const at::Tensor &t)
{
    std::string s = "[";
    for (int64_t d = 0; d < t.dim(); ++d)
        s += (d ? ", " : "") + std::to_string(t.size(d));
    return s + "]";
}

std::string gridText(PatchGrid g) { return std::to_string(g.freq) + "x" + std::to_string(g.time); }

// Cuts the middle `size` entries of dimension `dim` (the official AST's start index
// src/2 - size/2) or bilinear-interpolates grid [1, C, F, T] to `other` x size along it.
at::Tensor fitAxis(const at::Tensor &grid, int64_t dim, int64_t size, std::string &how)
{
    const int64_t src = grid.size(dim);
    const char *axis = dim == 3 ? "time" : "frequency";
    if (size == src) {
        how += std::string(axis) + " kept";
        return grid;
    }
    if (size < src) {
        const int64_t start = src / 2 - size / 2;
        how +=
            std::string(axis) + " cut to the middle " + std::to_string(size) + " (from " + std::to_string(start) + ")";
        return grid.slice(dim, start, start + size);
    }
    std::vector<int64_t> out{grid.size(2), grid.size(3)};
    out[dim - 2] = size;
    how += std::string(axis) + " interpolated " + std::to_string(src) + "->" + std::to_string(size);
    namespace F = torch::nn::functional;
    return F::interpolate(grid, F::InterpolateFuncOptions().size(out).mode(torch::kBilinear).align_corners(false));
}

// Source grid of an AST / DeiT position embedding with m patch rows.
PatchGrid guessSourceGrid(int64_t m)
{
    const auto s = int64_t(std::llround(std::sqrt(double(m))));
    if (s * s == m)
        return {s, s}; // DeiT ImageNet (24 x 24 for 384 px)
    if (m % 12 == 0)
        return {12, m / 12}; // AST AudioSet (12 x 101 for 128 x 1024 input)
    return {};
}

// Why a checkpoint classifier that has no counterpart in the target is left out, or nullptr
// when the name is not a classifier.
const char *unusedClassifier(const std::string &mapped, WeightFamily family)
{
    if (family == WeightFamily::Ast && (startsWith(mapped, "head.") || startsWith(mapped, "head_dist.")))
        return "ImageNet classifier of the DeiT backbone, unused by AST";
    if ((family == WeightFamily::Ast && startsWith(mapped, "mlp_head."))
        || (family == WeightFamily::Uniformer && startsWith(mapped, "head.")))
        return "classifier head; the model has none at this place";
    return nullptr;
}

struct Adaptation {
    at::Tensor value; // undefined: skipped
    std::string note; // what was done, or why it was skipped
};

Adaptation adaptPosEmbed(const at::Tensor &src, const at::Tensor &dst, const ImportOptions &opt)
{
    const PatchGrid from = opt.sourceGrid.valid() ? opt.sourceGrid : guessSourceGrid(src.size(1) - 2);
    if (!from.valid() || from.freq * from.time + 2 != src.size(1))
        return {{}, "cannot tell the patch grid of the checkpoint's position embedding " + shapeText(src)};
    PatchGrid to = opt.astGrid;
    if (!to.valid() && (dst.size(1) - 2) % from.freq == 0)
        to = {from.freq, (dst.size(1) - 2) / from.freq};
    if (!to.valid() || to.freq * to.time + 2 != dst.size(1))
        return {{},
                "the model's position embedding " + shapeText(dst) + " does not match the AST grid " + gridText(to)};
    std::string how;
    at::Tensor out = adaptAstPosEmbed(src, from, to, &how);
    return {out, how};
}

Adaptation adapt(const std::string &mapped, const at::Tensor &src, const at::Tensor &dst, WeightFamily family,
                 const ImportOptions &opt)
{
    const auto s = src.sizes(), d = dst.sizes();
    if (family == WeightFamily::Ast && mapped == "pos_embed" && src.dim() == 3 && dst.dim() == 3 && s[0] == 1
        && d[0] == 1 && s[2] == d[2] && s[1] > 2 && d[1] > 2)
        return adaptPosEmbed(src, dst, opt);
    if (src.dim() == 4 && dst.dim() == 4 && s[1] == 3 && d[1] == 1 && s[0] == d[0] && s.slice(2) == d.slice(2))
        return {rgbKernelToMono(src), "RGB kernel " + shapeText(src) + " summed over channels"};
    if (src.dim() == 4 && dst.dim() == 5 && s.slice(0, 2) == d.slice(0, 2) && s.slice(2) == d.slice(3))
        return {inflateKernel(src, d[2]), "2-D kernel " + shapeText(src) + " inflated over time " + std::to_string(d[2])
                                              + " (repeated, divided by " + std::to_string(d[2]) + ")"};
    const std::string shapes = "checkpoint " + shapeText(src) + ", model " + shapeText(dst);
    if (mapped.find("head") != std::string::npos && src.dim() == dst.dim() && src.dim() >= 1
        && s.slice(1) == d.slice(1))
        return {{},
                "classifier with " + std::to_string(s[0]) + " classes, the model has " + std::to_string(d[0]) + " ("
                    + shapes + ")"};
    return {{}, "shape does not fit (" + shapes + ")"};
}

} // namespace

bool parseWeightFamily(const std::string &name, WeightFamily &out)
{
    if (name == "ast")
        out = WeightFamily::Ast;
    else if (name == "uniformer")
        out = WeightFamily::Uniformer;
    else if (name == "auto")
        out = WeightFamily::Auto;
    else
        return false;
    return true;
}

std::string weightFamilyName(WeightFamily family)
{
    switch (family) {
    case WeightFamily::Ast: return "ast";
    case WeightFamily::Uniformer: return "uniformer";
    case WeightFamily::Auto: break;
    }
    return "auto";
}

WeightFamily detectWeightFamily(const Checkpoint &ckpt)
{
    for (const auto &[name, tensor] : ckpt.tensors) {
        const std::string n = mapWeightName(name, WeightFamily::Ast);
        if (startsWith(n, "patch_embed1.") || startsWith(n, "blocks1."))
            return WeightFamily::Uniformer;
        if (n == "dist_token" || n == "cls_token" || startsWith(n, "mlp_head."))
            return WeightFamily::Ast;
    }
    return WeightFamily::Auto;
}

std::string mapWeightName(const std::string &name, WeightFamily family)
{
    std::string n = name;
    while (startsWith(n, "module."))
        n = n.substr(7);
    if (family == WeightFamily::Ast && startsWith(n, "v."))
        n = n.substr(2);
    return n;
}

at::Tensor adaptAstPosEmbed(const at::Tensor &pos, PatchGrid src, PatchGrid dst, std::string *how)
{
    TORCH_CHECK(pos.dim() == 3 && pos.size(0) == 1 && pos.size(1) == 2 + src.freq * src.time,
                "adaptAstPosEmbed: position embedding ", pos.sizes(), " does not hold 2 tokens + a ", src.freq, "x",
                src.time, " grid");
    TORCH_CHECK(dst.valid(), "adaptAstPosEmbed: empty target grid");
    const int64_t c = pos.size(2);
    const at::Tensor p = pos.to(torch::kFloat);
    at::Tensor grid = p.slice(1, 2).transpose(1, 2).reshape({1, c, src.freq, src.time}); // [1, C, Fs, Ts]
    std::string text = "position embedding grid " + gridText(src) + " -> " + gridText(dst) + ": ";
    grid = fitAxis(grid, 3, dst.time, text); // [1, C, Fs, T]
    text += ", ";
    grid = fitAxis(grid, 2, dst.freq, text); // [1, C, F, T]
    if (how)
        *how = text;
    at::Tensor patches = grid.reshape({1, c, dst.freq * dst.time}).transpose(1, 2); // [1, F*T, C]
    return torch::cat({p.slice(1, 0, 2), patches}, 1).to(pos.scalar_type());        // [1, 2+F*T, C]
}

at::Tensor inflateKernel(const at::Tensor &w, int64_t time)
{
    TORCH_CHECK(w.dim() == 4 && time > 0, "inflateKernel: needs [O, I, kh, kw] and time > 0, got ", w.sizes(), " and ",
                time);
    return w.unsqueeze(2).repeat({1, 1, time, 1, 1}) / double(time); // [O, I, T, kh, kw]
}

at::Tensor rgbKernelToMono(const at::Tensor &w)
{
    TORCH_CHECK(w.dim() == 4 && w.size(1) == 3, "rgbKernelToMono: needs [O, 3, kh, kw], got ", w.sizes());
    return w.sum(1, /*keepdim=*/true); // [O, 1, kh, kw]
}

std::vector<std::string> ImportReport::lines() const
{
    std::vector<std::string> out;
    out.push_back(family + ": " + std::to_string(loaded.size()) + " loaded, " + std::to_string(adapted.size())
                  + " adapted, " + std::to_string(skipped.size()) + " skipped, " + std::to_string(missing.size())
                  + " missing, " + std::to_string(unexpected.size()) + " unexpected");
    for (const auto &[name, how] : adapted)
        out.push_back("  adapted " + name + ": " + how);
    for (const auto &[name, why] : skipped)
        out.push_back("  skipped " + name + ": " + why);
    for (const std::string &name : missing)
        out.push_back("  missing " + name);
    for (const std::string &name : unexpected)
        out.push_back("  unexpected " + name);
    return out;
}

ImportReport importWeights(torch::nn::Module &module, const Checkpoint &ckpt, const ImportOptions &options)
{
    ImportReport report;
    const WeightFamily family = options.family == WeightFamily::Auto ? detectWeightFamily(ckpt) : options.family;
    report.family = weightFamilyName(family);
    // Targets: parameters and buffers (BatchNorm statistics) by their dotted names.
    std::vector<std::string> order;
    std::map<std::string, at::Tensor> targets;
    for (const auto &item : module.named_parameters(true))
        if (targets.emplace(item.key(), item.value()).second)
            order.push_back(item.key());
    for (const auto &item : module.named_buffers(true))
        if (targets.emplace(item.key(), item.value()).second)
            order.push_back(item.key());

    torch::NoGradGuard noGrad;
    std::set<std::string> filled;
    for (const auto &[name, src] : ckpt.tensors) {
        const std::string mapped = mapWeightName(name, family);
        const std::string target = options.targetPrefix + mapped;
        auto it = targets.find(target);
        if (it == targets.end()) {
            if (const char *why = unusedClassifier(mapped, family))
                report.skipped.emplace_back(name, why);
            else
                report.unexpected.push_back(name);
            continue;
        }
        at::Tensor dst = it->second;
        if (src.sizes() == dst.sizes()) {
            dst.copy_(src);
            report.loaded.push_back(target);
        } else {
            Adaptation a = adapt(mapped, src, dst, family, options);
            if (!a.value.defined()) {
                report.skipped.emplace_back(name, a.note);
                continue;
            }
            dst.copy_(a.value);
            report.adapted.emplace_back(target, a.note);
        }
        filled.insert(target);
    }
    for (const std::string &name : order)
        if (startsWith(name, options.targetPrefix) && !filled.count(name))
            report.missing.push_back(name);
    return report;
}

} // namespace avt::model

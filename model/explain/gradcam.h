#pragma once
// Grad-CAM for the audio-video transformer: which frame regions and which spectrogram regions
// raised a class score, on any tapped layer of either encoder or of the fusion.
//
//   auto layers = avt::model::camLayers(*net);             // names, shapes, grids: no guessing
//   avt::model::CamRequest req;
//   req.layers = {avt::model::defaultCamLayer(*net, avt::model::CamModality::Video),
//                 avt::model::defaultCamLayer(*net, avt::model::CamModality::Audio)};
//   auto r = avt::model::gradCam(*net, inputs, req);       // inputs: batch 1
//   r.maps[0].input   // video [T, H, W] in [0, 1], aligned with the input frames
//
// ACTIVATIONS. A layer's output A is read as channels x grid: UniFormer maps [C, T', H', W'];
// token layouts drop their leading special tokens (AST cls + dist, video CLS) and fold the rest
// onto the patch grid: video [T', H', W'] (t-major), audio [F', T'] (frequency-major, as AST).
// The gradient G of the target score (a logit, before softmax) has the same layout.
//
// WEIGHTS. PerTimeSlice: one weight per channel per time slice (frame group t' of the video,
// patch column t' of the spectrogram), averaged over that slice's positions, as video CAM
// toolkits do. Clip: one weight per channel over the whole grid (Selvaraju et al.).
// Grad-CAM: w = mean of G. Grad-CAM++ (Chattopadhay et al.): w = sum of alpha * relu(G) with
// alpha = G^2 / (2 G^2 + S * G^3), S = sum of A over the same positions (alpha = 0 where the
// denominator is 0). cam = relu(sum_c w_c A_c), divided by its maximum over the clip (all zeros
// when nothing raised the score).
//
// UPSAMPLING. Grid cell i on an axis stands for input position stride * i + offset (the centre
// of its receptive window: UniFormer stem frames 2i, pixels s*i + s/2 - 1/2; AST patches
// s*i + (p - 1)/2); inputs positions between centres interpolate linearly, outside take the
// edge value. Video maps come out as [T, H, W] on the model's input frames, audio maps as
// [T_frames, F] like the model's fbank input.
//
// Errors (unknown layer, missing head, batch != 1) throw c10::Error with a message naming them.
// Thread-safety: none (runs the model; one call at a time per model).
#include "model/avt/avt_model.h"

#include <string>
#include <vector>

namespace avt::model {

enum class CamModality { Audio, Video };
enum class CamMethod { GradCam, GradCamPlusPlus };
enum class CamWeighting { PerTimeSlice, Clip };
// Which head's logit is the target: the model's (fused) head, EPIC's noun head, or the
// single-modality heads of a late-fusion model (the main head of audio- / video-only models).
enum class CamHead { Main, Noun, Audio, Video };

struct CamLayer {
    std::string name; // tap name (model/layers/taps.h)
    CamModality modality = CamModality::Video;
    std::vector<int64_t> shape; // the tapped tensor's shape for batch 1
    std::vector<int64_t> grid;  // video [T', H', W'], audio [F', T']
    int64_t leadingTokens = 0;  // token layouts: special tokens before the grid tokens
    bool tokens = false;        // [B, N, C] tokens (else [B, C, T', H', W'] map)
    std::vector<double> stride; // per grid axis: input position = stride * i + offset
    std::vector<double> offset;
};

// Every layer Grad-CAM can use, in forward order (runs one zero input of batch 1).
std::vector<CamLayer> camLayers(AvtModelImpl &net);
// The default layer of a modality: for UniFormer the last block of the last stage whose map has
// at least kMinCamCells cells a side (blocks4.N for 224-pixel inputs, blocks3.N for avt-tiny's
// 112 pixels, whose last stage is only 3 x 3; see camStageFor); for token encoders (AST, ViT)
// the last block when fusion blocks follow (avt, concat), else the block before it (the score
// reads only the CLS tokens of the last block, so its patch tokens get no gradient). Empty
// without the modality.
std::string defaultCamLayer(AvtModelImpl &net, CamModality modality);

// The UniFormer stage (1..4) whose last block is the default Grad-CAM layer for this config.
constexpr int64_t kMinCamCells = 7;
int64_t camStageFor(const VideoConfig &v);

struct CamRequest {
    std::vector<std::string> layers; // tap names from camLayers()
    CamHead head = CamHead::Main;
    int64_t targetClass = -1; // -1: the class the head predicts
    CamMethod method = CamMethod::GradCam;
    CamWeighting weighting = CamWeighting::PerTimeSlice;
};

struct CamMap {
    CamLayer layer;
    at::Tensor grid;     // video [T', H', W'], audio [F', T']; in [0, 1]
    at::Tensor input;    // video [T, H, W], audio [T_frames, F]; in [0, 1]
    bool reached = true; // false when the target score does not depend on this layer's grid positions
    double peak = 0.0;   // the map's maximum before it was divided by it (0: nothing raised the score);
                         // grid * peak gives maps of several models on one scale
};

struct CamResult {
    at::Tensor logits;     // [C] of the target head
    at::Tensor mainLogits; // [C] of the model's main head (for reports)
    int64_t targetClass = -1;
    double score = 0.0;       // the target logit
    std::vector<CamMap> maps; // one per requested layer, in request order
};

CamResult gradCam(AvtModelImpl &net, const AvtInputs &in, const CamRequest &req);

// The weighting on its own: activation A and gradient G as [C, T, S] (T time slices of S
// positions) -> cam [T, S], relu'd, not normalised.
at::Tensor camFromActivations(const at::Tensor &A, const at::Tensor &G, CamMethod method, CamWeighting weighting);

// Linear interpolation matrix [outLen, gridLen]: row x holds the weights of the grid cells for
// input position x, cell i sitting at stride * i + offset; clamped at both ends; rows sum to 1.
at::Tensor centreInterpolation(int64_t gridLen, int64_t outLen, double stride, double offset);

const char *camMethodName(CamMethod m);
const char *camWeightingName(CamWeighting w);
const char *camHeadName(CamHead h);
// Parse names as printed above ("gradcam", "gradcam++"; "slice", "clip"; "main", "noun",
// "audio", "video"); false on an unknown name.
bool parseCamMethod(const std::string &s, CamMethod *m);
bool parseCamWeighting(const std::string &s, CamWeighting *w);
bool parseCamHead(const std::string &s, CamHead *h);

} // namespace avt::model

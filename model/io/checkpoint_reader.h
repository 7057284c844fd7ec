#pragma once
// Reading torch.save checkpoints (the zip format of PyTorch >= 1.6) without Python and without
// executing anything from the file.
//
//   avt::model::Checkpoint ckpt;
//   std::string err;
//   if (!avt::model::readCheckpoint("audioset_10_10_0.4593.pth", ckpt, &err))
//       std::cerr << err << "\n";   // "audioset_10_10_0.4593.pth: <cause>"
//   for (const auto &[name, tensor] : ckpt.tensors) ...   // "module.v.pos_embed" -> [1, 1214, 768]
//
// LibTorch's torch::pickle_load refuses the OrderedDict state_dicts that published checkpoints
// hold, and LibTorch's own zip reader is not safe on damaged files, so the archive is opened with
// the strict reader of stored_zip.h and `data.pkl` is read by the restricted unpickler of
// torch_unpickler.h. Storages `data/<key>` are loaded once each, straight into the tensor's
// memory after a CRC-32 check (tensors that share a storage in the file share memory here too),
// always to CPU, keeping their dtype; tensors keep the file's strides and storage offsets.
//
// Errors name the file and the cause: missing / empty file, not a zip (legacy pre-1.6 format,
// plain pickle, TorchScript archive), truncated or corrupt archive (CRC-32 mismatch included),
// compressed or encrypted entries, unsupported opcode,
// disallowed global, storages too small for their views. Thread-safety: reentrant.
#include "model/io/pickle_value.h"

#include <string>
#include <utility>
#include <vector>

namespace avt::model {

struct Checkpoint {
    std::string path;
    PickleValue root; // the whole unpickled object
    // The state dict found in it, flattened: name -> tensor, in file order. Nested dicts of
    // tensors are joined with '.'.
    std::vector<std::pair<std::string, at::Tensor>> tensors;
    std::string wrapper;              // keys descended through, e.g. "model_state"; "" if none
    std::vector<std::string> ignored; // "key: what" for non-tensor entries of the state dict

    // Tensor by exact name; undefined tensor if absent.
    at::Tensor get(const std::string &name) const;
};

// Reads the file into `out`. On failure returns false with "PATH: cause" in *error.
bool readCheckpoint(const std::string &path, Checkpoint &out, std::string *error = nullptr);

// Only the unpickled tree (no state-dict extraction), for inspecting other objects.
bool readPickleTree(const std::string &path, PickleValue &root, std::string *error = nullptr);

// The state dict inside an unpickled object: descends through `model_state`, `state_dict`
// and `model` when present and collects string -> tensor entries.
void extractStateDict(const PickleValue &root, Checkpoint &out);

} // namespace avt::model

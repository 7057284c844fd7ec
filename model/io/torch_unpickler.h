#pragma once
// A restricted unpickler for the `data.pkl` record of torch.save zip checkpoints.
//
//   StorageLoader load = [&](const StorageRequest &r) { return readStorageRecord(r); };
//   PickleValue root = unpickleTorch(bytes.data(), bytes.size(), load);   // throws UnpickleError
//
// It understands the binary opcodes of pickle protocols 2-5 that torch.save emits (torch.save
// writes protocol 2), interprets an allow-list of globals and never executes anything:
//   - collections.OrderedDict, builtins.set / frozenset / bytearray, torch.Size: containers;
//   - torch._utils._rebuild_tensor_v2 / _rebuild_tensor / _rebuild_parameter(_with_state):
//     tensors, as strided views (offset, sizes, strides checked against the storage) of
//     storages that the persistent id ('storage', torch.<T>Storage, key, location, numel)
//     names; the StorageLoader supplies them (CPU tensors of the storage's dtype);
//   - torch dtypes (torch.float32 ...): Global values.
// Other torch.* globals (torch.storage._load_from_bytes among them: a storage pickled in line,
// as the legacy format does), code-running modules (builtins other than the containers, os,
// posix, subprocess, sys, ...) and TorchScript classes are refused with UnpickleError. Any
// other class (argparse.Namespace, numpy scalars, ...) becomes an Opaque value.
//
// Every read is bounds-checked: truncated or corrupt input gives UnpickleError with the byte
// offset and the cause, never undefined behaviour. The work a file can ask for is bounded too,
// so a small hostile file ends in an error quickly and in little memory: at most 2^20 values
// (memo copies included), containers nested at most 64 deep, value trees of at most 2^22 items
// counted as a walk would see them (a container shared by many others counted every time),
// 64 MiB of strings copied by memo references; a container cannot contain itself, and one
// already placed in another cannot change (so no cycles), and repeated dict keys cost O(1).
// Thread-safety: reentrant (no shared state).
#include "model/io/pickle_value.h"

#include <c10/core/ScalarType.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

namespace avt::model {

class UnpickleError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// What a persistent id asks for: the storage record `data/<key>` holding `numel` elements of
// `dtype` (torch.save records the location the tensor lived on, e.g. "cuda:0"; we load to CPU).
struct StorageRequest {
    std::string key;
    c10::ScalarType dtype = c10::ScalarType::Float;
    std::string location;
    int64_t numel = 0;
};

// Returns the storage as a 1-D CPU tensor of the requested dtype (numel may exceed
// request.numel only if the file says so); throws UnpickleError when it cannot.
using StorageLoader = std::function<at::Tensor(const StorageRequest &)>;

PickleValue unpickleTorch(const uint8_t *data, size_t size, const StorageLoader &loader);

// How the unpickler treats a global "module.name" (exposed for tests and messages).
enum class GlobalPolicy { Interpreted, Opaque, Disallowed };
GlobalPolicy globalPolicy(const std::string &module, const std::string &name);

} // namespace avt::model

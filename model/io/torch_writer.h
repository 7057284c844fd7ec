#pragma once
// Writing torch.save archives (the zip format of PyTorch >= 1.6) from a PickleValue tree, so
// that what we save is read back by the strict reader of checkpoint_reader.h, never by
// LibTorch's TorchScript loader, and opens in Python with torch.load(f, weights_only=True).
//
//   PickleValue root = PickleValue::makeDict();
//   root.pairs->emplace_back(PickleValue::makeString("w"), PickleValue::makeTensor(weight));
//   writeTorchSave("/tmp/w.pt.tmp", root);        // throws std::runtime_error with the cause
//
// Values: None, Bool, Int, Float, String, Tuple, List, Dict (string or int keys) and Tensor.
// Each tensor gets a storage record of its own, written from a contiguous CPU copy (no copy for
// tensors that already are); the pickle rebuilds it with torch._utils._rebuild_tensor_v2 as
// torch.save does. Other kinds (Bytes, BigInt, Storage, Global, Opaque) are refused. Entries are
// stored uncompressed by LibTorch's PyTorchStreamWriter (writing is not where the danger of a
// zip reader lies). The file is written in place: callers wanting atomicity write a temporary
// file and rename it. Thread-safety: reentrant.
#include "model/io/pickle_value.h"

#include <string>
#include <vector>

namespace avt::model {

// The data.pkl bytes for root; the tensors it refers to are appended to *storages in the order
// of their keys "0", "1", ... (exposed for tests).
std::string pickleTorch(const PickleValue &root, std::vector<at::Tensor> *storages);

void writeTorchSave(const std::string &path, const PickleValue &root);

// The archive itself: `pkl` as data.pkl and storages[i] as data/<i> (used by writeTorchSave; tests
// use it to wrap hand-made pickles).
void writeTorchArchive(const std::string &path, const std::string &pkl, const std::vector<at::Tensor> &storages);

// A dict with string keys, in the given order (for the trees written here).
PickleValue pickleDict(std::vector<std::pair<std::string, PickleValue>> items);

} // namespace avt::model

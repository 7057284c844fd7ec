// The restricted unpickler on raw data.pkl bytes; storages come from a loader that hands out
// small zero tensors (as a checkpoint's records would) and refuses large ones.
#include "fuzz_target.h"

#include "model/io/torch_unpickler.h"

#include <torch/torch.h>

AVT_FUZZ_TARGET(unpickler)
{
    using namespace avt::model;
    const StorageLoader loader = [](const StorageRequest &r) {
        if (r.numel > 4096)
            throw UnpickleError("storage too large for the fuzz loader");
        return torch::zeros({r.numel}, torch::TensorOptions().dtype(r.dtype));
    };
    try {
        PickleValue v = unpickleTorch(data, size, loader);
        (void)v.describe();
    } catch (const UnpickleError &) {
    } catch (const c10::Error &) {}
    return 0;
}

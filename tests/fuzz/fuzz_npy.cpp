// The .npy reader (header dictionary, dtype, shape, data size) on a file holding the input.
#include "fuzz_target.h"

#include "model/io/npy.h"

AVT_FUZZ_TARGET(npy)
{
    avt::model::NpyArray a;
    std::string error;
    if (avt::model::readNpy(avt::fuzz::writeInput(data, size, ".npy"), a, &error))
        (void)a.toDouble();
    return 0;
}

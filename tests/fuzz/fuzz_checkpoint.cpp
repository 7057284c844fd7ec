// The whole checkpoint reader (format sniffing, strict zip, unpickler, storages, state-dict
// search) on a file holding the input.
#include "fuzz_target.h"

#include "model/io/checkpoint_reader.h"

AVT_FUZZ_TARGET(checkpoint)
{
    avt::model::Checkpoint c;
    std::string error;
    avt::model::readCheckpoint(avt::fuzz::writeInput(data, size, ".pt"), c, &error);
    return 0;
}

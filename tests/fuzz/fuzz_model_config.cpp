// The model configuration text parser (ModelConfig::fromString: the .config.txt beside weights).
#include "fuzz_target.h"

#include "model/config/model_config.h"

AVT_FUZZ_TARGET(model_config)
{
    avt::model::ModelConfig cfg;
    std::string error;
    if (avt::model::ModelConfig::fromString(std::string(reinterpret_cast<const char *>(data), size), cfg, &error))
        (void)cfg.toString();
    return 0;
}

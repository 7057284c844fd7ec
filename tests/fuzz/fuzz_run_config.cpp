// Run configurations: a YAML-subset or JSON file (RunConfig::fromFile), and --set overrides.
// The first byte chooses the route.
#include "fuzz_target.h"

#include "core/train/run_config.h"

#include <QString>
#include <QStringList>

AVT_FUZZ_TARGET(run_config)
{
    if (size == 0)
        return 0;
    const uint8_t route = data[0] % 3;
    ++data;
    --size;
    using avt::train::RunConfig;
    if (route == 2) {
        RunConfig cfg;
        const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
        (void)cfg.applyOverrides(text.split(QLatin1Char('\n')));
        return 0;
    }
    const std::string path = avt::fuzz::writeInput(data, size, route == 0 ? ".yaml" : ".json");
    auto cfg = RunConfig::fromFile(QString::fromStdString(path));
    if (cfg)
        (void)cfg->validate();
    return 0;
}

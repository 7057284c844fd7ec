// Media probing (FFmpeg's demuxers behind probeMedia) on a file holding the input.
#include "fuzz_target.h"

#include "core/media/probe.h"

#include <QString>

AVT_FUZZ_TARGET(media_probe)
{
    auto info = avt::media::probeMedia(QString::fromStdString(avt::fuzz::writeInput(data, size, ".bin")), 5.0);
    (void)info;
    return 0;
}

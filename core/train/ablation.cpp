#include "core/train/ablation.h"

#include <algorithm>

namespace avt::train {

QList<Rung> ladderRungs(const QString &ladder)
{
    if (ladder != QLatin1String("table4"))
        return {};
    const QStringList none{QStringLiteral("losses.avc=0"), QStringLiteral("losses.avm=0"),
                           QStringLiteral("losses.masked=0"), QStringLiteral("masking.audio=none"),
                           QStringLiteral("masking.video=none")};
    const QStringList avc{QStringLiteral("model.fusion.mode=avt"), QStringLiteral("losses.avc=0.5"),
                          QStringLiteral("losses.avm=0"),          QStringLiteral("losses.masked=0"),
                          QStringLiteral("masking.audio=none"),    QStringLiteral("masking.video=none")};
    auto with = [](QStringList base, const QStringList &more) {
        for (const QString &m : more) {
            const QString key = m.section(QLatin1Char('='), 0, 0);
            base.erase(std::remove_if(base.begin(), base.end(),
                                      [&](const QString &b) { return b.section(QLatin1Char('='), 0, 0) == key; }),
                       base.end());
            base.append(m);
        }
        return base;
    };
    return {
        {QStringLiteral("Audio Only"), QStringLiteral("audio"),
         with(none, {QStringLiteral("model.fusion.mode=audio")})},
        {QStringLiteral("Video Only"), QStringLiteral("video"),
         with(none, {QStringLiteral("model.fusion.mode=video")})},
        {QStringLiteral("Avg"), QStringLiteral("avg"), with(none, {QStringLiteral("model.fusion.mode=late")})},
        {QStringLiteral("AVBottleneck"), QStringLiteral("avbottleneck"),
         with(none, {QStringLiteral("model.fusion.mode=avt")})},
        {QStringLiteral("+AVC"), QStringLiteral("avc"), avc},
        {QStringLiteral("+AVC+AVM"), QStringLiteral("avc-avm"), with(avc, {QStringLiteral("losses.avm=0.1")})},
        {QStringLiteral("+AVC+AVM+MAV"), QStringLiteral("avc-avm-mav"),
         with(avc, {QStringLiteral("losses.avm=0.1"), QStringLiteral("losses.masked=0.01"),
                    QStringLiteral("masking.audio=random"), QStringLiteral("masking.video=random")})},
        {QStringLiteral("+AVC+AVM+MASegmV"), QStringLiteral("avc-avm-masegmv"),
         with(avc, {QStringLiteral("losses.avm=0.1"), QStringLiteral("losses.masked=0.01"),
                    QStringLiteral("masking.audio=segment"), QStringLiteral("masking.video=random")})},
    };
}

} // namespace avt::train

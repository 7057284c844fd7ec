#pragma once
// The segment inspector's display choices (keys under "SegmentInspector/"): colour map, the
// normalisation preset and target length of the model input. Detector parameters are not
// remembered: the inspector always opens on the paper's defaults.
#include "widgets/settings/settings_group.h"

namespace avt::widgets {

class InspectorSettings : public SettingsGroup {
public:
    InspectorSettings() : SettingsGroup(QStringLiteral("SegmentInspector/")) {}

    int colourMap() const { return read(QStringLiteral("colourMap"), 0).toInt(); }
    void setColourMap(int index) const { write(QStringLiteral("colourMap"), index); }
    QString statsPreset() const { return read(QStringLiteral("statsPreset"), QStringLiteral("audioset")).toString(); }
    void setStatsPreset(const QString &name) const { write(QStringLiteral("statsPreset"), name); }
    // -1: the preset's length, 0: the clip's own length.
    int targetFrames() const { return read(QStringLiteral("targetFrames"), 0).toInt(); }
    void setTargetFrames(int frames) const { write(QStringLiteral("targetFrames"), frames); }
};

} // namespace avt::widgets

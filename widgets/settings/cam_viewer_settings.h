#pragma once
// The Grad-CAM viewer's state (keys under "GradCamViewer/"): the runs shown, the layers, method,
// weighting, head and target, and the display (colour map, opacity, shared colour scale,
// difference row). Restored when the viewer opens.
#include "widgets/settings/settings_group.h"

#include <QStringList>

namespace avt::widgets {

class CamViewerSettings : public SettingsGroup {
public:
    CamViewerSettings() : SettingsGroup(QStringLiteral("GradCamViewer/")) {}

    QStringList runs() const { return read(QStringLiteral("runs")).toStringList(); }
    void setRuns(const QStringList &runs) const { write(QStringLiteral("runs"), runs); }
    QString videoLayer() const { return read(QStringLiteral("videoLayer")).toString(); }
    void setVideoLayer(const QString &name) const { write(QStringLiteral("videoLayer"), name); }
    QString audioLayer() const { return read(QStringLiteral("audioLayer")).toString(); }
    void setAudioLayer(const QString &name) const { write(QStringLiteral("audioLayer"), name); }
    QString method() const { return read(QStringLiteral("method"), QStringLiteral("gradcam")).toString(); }
    void setMethod(const QString &name) const { write(QStringLiteral("method"), name); }
    QString weighting() const { return read(QStringLiteral("weighting"), QStringLiteral("slice")).toString(); }
    void setWeighting(const QString &name) const { write(QStringLiteral("weighting"), name); }
    QString head() const { return read(QStringLiteral("head"), QStringLiteral("main")).toString(); }
    void setHead(const QString &name) const { write(QStringLiteral("head"), name); }
    // 0 predicted, 1 ground truth, 2 top-k, 3 a class (gradcam::TargetKind).
    int target() const { return read(QStringLiteral("target"), 0).toInt(); }
    void setTarget(int kind) const { write(QStringLiteral("target"), kind); }
    int topK() const { return read(QStringLiteral("topK"), 2).toInt(); }
    void setTopK(int k) const { write(QStringLiteral("topK"), k); }
    QString colourMap() const { return read(QStringLiteral("colourMap"), QStringLiteral("jet")).toString(); }
    void setColourMap(const QString &name) const { write(QStringLiteral("colourMap"), name); }
    double opacity() const { return read(QStringLiteral("opacity"), 0.5).toDouble(); }
    void setOpacity(double alpha) const { write(QStringLiteral("opacity"), alpha); }
    bool sharedScale() const { return read(QStringLiteral("sharedScale"), false).toBool(); }
    void setSharedScale(bool on) const { write(QStringLiteral("sharedScale"), on); }
    bool difference() const { return read(QStringLiteral("difference"), false).toBool(); }
    void setDifference(bool on) const { write(QStringLiteral("difference"), on); }
};

} // namespace avt::widgets

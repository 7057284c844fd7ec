#include "batch/cam_options.h"

namespace avt::batch {

void addCamOptions(VerbParser &p)
{
    p.addWorkspaceOption();
    p.addOption({QStringLiteral("layer"),
                 QStringLiteral("Layer to explain (repeatable; one per modality; default: the last video "
                                "stage and the last useful audio block). See --list-layers."),
                 QStringLiteral("NAME")});
    p.addOption({QStringLiteral("class"), QStringLiteral("Target class: index or name (default: the predicted one)."),
                 QStringLiteral("C")});
    p.addOption({QStringLiteral("head"),
                 QStringLiteral("Target head: main, noun (EPIC), audio or video (late fusion)."),
                 QStringLiteral("HEAD"), QStringLiteral("main")});
    p.addOption({QStringLiteral("method"), QStringLiteral("gradcam or gradcam++."), QStringLiteral("M"),
                 QStringLiteral("gradcam")});
    p.addOption({QStringLiteral("weighting"), QStringLiteral("slice (one weight per channel per time slice) or clip."),
                 QStringLiteral("W"), QStringLiteral("slice")});
}

std::optional<gradcam::ExplainOptions> camOptions(const VerbParser &p)
{
    gradcam::ExplainOptions o;
    o.layers = p.values(QStringLiteral("layer"));
    if (!model::parseCamHead(p.value(QStringLiteral("head")).toStdString(), &o.head)) {
        p.usageError(
            QStringLiteral("--head: '%1' is not main, noun, audio or video").arg(p.value(QStringLiteral("head"))));
        return std::nullopt;
    }
    if (!model::parseCamMethod(p.value(QStringLiteral("method")).toStdString(), &o.method)) {
        p.usageError(
            QStringLiteral("--method: '%1' is not gradcam or gradcam++").arg(p.value(QStringLiteral("method"))));
        return std::nullopt;
    }
    if (!model::parseCamWeighting(p.value(QStringLiteral("weighting")).toStdString(), &o.weighting)) {
        p.usageError(
            QStringLiteral("--weighting: '%1' is not slice or clip").arg(p.value(QStringLiteral("weighting"))));
        return std::nullopt;
    }
    return o;
}

// --class as an index or a class name of the run.

} // namespace avt::batch

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>QObject</name>
    <message>
        <source>%1: no workspace here</source>
        <translation>%1：此处没有工作区</translation>
    </message>
    <message numerus="yes">
        <source>mean of %n run(s)</source>
        <translation>
            <numerusform>%n 个运行的均值</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: name the file .csv, .tex or .md</source>
        <translation>%1：请将文件扩展名设为 .csv、.tex 或 .md</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>LaTeX (*.tex)</source>
        <translation>LaTeX (*.tex)</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>导出表格</translation>
    </message>
</context>
<context>
    <name>avt::widgets::AboutDialog</name>
    <message>
        <source>AVT Workbench</source>
        <translation>AVT 工作台</translation>
    </message>
    <message>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <source>LibTorch</source>
        <translation>LibTorch</translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <source>available</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>FFmpeg</source>
        <translation>FFmpeg</translation>
    </message>
    <message>
        <source>%1 (libavformat %2)</source>
        <translation>%1（libavformat %2）</translation>
    </message>
    <message>
        <source>OpenCV</source>
        <translation>OpenCV</translation>
    </message>
    <message>
        <source>SQLite</source>
        <translation>SQLite</translation>
    </message>
    <message>
        <source>QCustomPlot</source>
        <translation>QCustomPlot</translation>
    </message>
    <message>
        <source>About AVT Workbench</source>
        <translation>关于 AVT 工作台</translation>
    </message>
    <message>
        <source>&lt;h3&gt;AVT Workbench&lt;/h3&gt;&lt;p&gt;A research workbench for audio-visual transformers: datasets, audio activity segments, training runs and their results.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;AVT 工作台&lt;/h3&gt;&lt;p&gt;面向视听 Transformer 的研究工作台：数据集、音频活动片段、训练运行及其结果。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Free software under the GNU General Public License, version 3 or later (see the LICENSE file); it links QCustomPlot (GPL-3), Qt and FFmpeg (LGPL), LibTorch (BSD) and OpenCV (Apache-2.0). It comes with absolutely no warranty.</source>
        <translation>本软件为自由软件，依据 GNU 通用公共许可证第 3 版或更新版本发布（见 LICENSE 文件）；它链接了 QCustomPlot（GPL-3）、Qt 和 FFmpeg（LGPL）、LibTorch（BSD）以及 OpenCV（Apache-2.0）。本软件不提供任何担保。</translation>
    </message>
    <message>
        <source>&amp;Copy versions</source>
        <translation>复制版本信息(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Licence…</source>
        <translation>许可证(&amp;L)…</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
</context>
<context>
    <name>avt::widgets::Background</name>
    <message>
        <source>A background task failed</source>
        <translation>后台任务失败</translation>
    </message>
    <message>
        <source>an unknown error</source>
        <translation>未知错误</translation>
    </message>
</context>
<context>
    <name>avt::widgets::BatchJob</name>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>%1 crashed</source>
        <translation>%1 崩溃了</translation>
    </message>
    <message>
        <source>%1 exited with status %2</source>
        <translation>%1 以状态 %2 退出</translation>
    </message>
    <message>
        <source>Cannot start %1: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
</context>
<context>
    <name>avt::widgets::CamClassTable</name>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Scores of the first run&apos;s main head; pick a class to explain it</source>
        <translation>第一个运行主分类头的得分；选择一个类别进行解释</translation>
    </message>
</context>
<context>
    <name>avt::widgets::CamLayerPicker</name>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>输出形状</translation>
    </message>
    <message>
        <source>Map grid</source>
        <translation>热力图网格</translation>
    </message>
    <message>
        <source>Default layers</source>
        <translation>默认层</translation>
    </message>
    <message>
        <source> (default)</source>
        <translation>（默认）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Video&lt;/b&gt; %1%2</source>
        <translation>&lt;b&gt;视频&lt;/b&gt; %1%2</translation>
    </message>
    <message>
        <source> — default: %1</source>
        <translation> — 默认：%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Audio&lt;/b&gt; %1%2</source>
        <translation>&lt;b&gt;音频&lt;/b&gt; %1%2</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;i&gt;Double-click a layer to use it.&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;双击某一层即可使用该层。&lt;/i&gt;</translation>
    </message>
</context>
<context>
    <name>avt::widgets::CamRow</name>
    <message>
        <source>No map</source>
        <translation>无热力图</translation>
    </message>
    <message>
        <source> · predicted &lt;b&gt;%1&lt;/b&gt; (%2%)</source>
        <translation> · 预测 &lt;b&gt;%1&lt;/b&gt;（%2%）</translation>
    </message>
    <message>
        <source> · map of %1 (%2 head, logit %3)</source>
        <translation> · %1 的热力图（%2 分类头，logit %3）</translation>
    </message>
    <message>
        <source> · pointing %1 (map in box %2%, box %3% of frame)</source>
        <translation> · 指向得分 %1（框内热力 %2%，框占帧 %3%）</translation>
    </message>
    <message>
        <source>&lt;b&gt;Top 5&lt;/b&gt;</source>
        <translation>&lt;b&gt;前 5&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;i&gt;truth: %1&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;真实类别：%1&lt;/i&gt;</translation>
    </message>
    <message>
        <source>layer %1 gets no gradient from this score: the video map is empty</source>
        <translation>层 %1 未从该得分获得梯度：视频热力图为空</translation>
    </message>
    <message>
        <source>layer %1 gets no gradient from this score: the audio map is empty</source>
        <translation>层 %1 未从该得分获得梯度：音频热力图为空</translation>
    </message>
    <message>
        <source>&lt;b&gt;Difference&lt;/b&gt; %1 − %2 · red: %1 looks more, blue: %2 looks more</source>
        <translation>&lt;b&gt;差异&lt;/b&gt; %1 − %2 · 红色：%1 关注更多，蓝色：%2 关注更多</translation>
    </message>
    <message>
        <source>No video in this model</source>
        <translation>此模型没有视频</translation>
    </message>
    <message>
        <source>The maps differ in size</source>
        <translation>热力图尺寸不同</translation>
    </message>
</context>
<context>
    <name>avt::widgets::CamRunList</name>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>%1, status %2, dataset %3</source>
        <translation>%1，状态 %2，数据集 %3</translation>
    </message>
    <message>
        <source>no checkpoint</source>
        <translation>无检查点</translation>
    </message>
    <message>
        <source>%1 has no checkpoint yet (status %2)</source>
        <translation>%1 尚无检查点（状态 %2）</translation>
    </message>
    <message>
        <source>%1 has no checkpoint yet: nothing to explain</source>
        <translation>%1 尚无检查点：没有可解释的内容</translation>
    </message>
    <message>
        <source>At most four runs side by side</source>
        <translation>最多并排显示四个运行</translation>
    </message>
</context>
<context>
    <name>avt::widgets::CamViewer</name>
    <message>
        <source>One colour scale for all runs</source>
        <translation>所有运行使用同一色标</translation>
    </message>
    <message>
        <source>Show the difference of the first two runs</source>
        <translation>显示前两个运行的差异</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Grad-CAM</source>
        <translation>Grad-CAM</translation>
    </message>
    <message>
        <source>Grad-CAM++</source>
        <translation>Grad-CAM++</translation>
    </message>
    <message>
        <source>per time slice</source>
        <translation>按时间片</translation>
    </message>
    <message>
        <source>per clip</source>
        <translation>按片段</translation>
    </message>
    <message>
        <source>main</source>
        <translation>主分类头</translation>
    </message>
    <message>
        <source>the prediction</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>the ground truth</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>the k-th best class</source>
        <translation>第 k 高的类别</translation>
    </message>
    <message>
        <source>the class picked below</source>
        <translation>下方选中的类别</translation>
    </message>
    <message>
        <source>k = </source>
        <translation>k = </translation>
    </message>
    <message>
        <source>Off: each map is divided by its own maximum. On: maps keep their size relative to the largest map shown (before normalising), so a weaker map looks weaker.</source>
        <translation>关闭：每张热力图除以其自身的最大值。开启：热力图保持相对于所显示的最大热力图（归一化之前）的大小，因此较弱的热力图看起来也较弱。</translation>
    </message>
    <message>
        <source>Runs (up to four)</source>
        <translation>运行（最多四个）</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>热力图</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>方法(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Weighting:</source>
        <translation>加权(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Head:</source>
        <translation>分类头(&amp;H)：</translation>
    </message>
    <message>
        <source>Explain:</source>
        <translation>解释：</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>&amp;Colours:</source>
        <translation>配色(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Opacity:</source>
        <translation>不透明度(&amp;O)：</translation>
    </message>
    <message>
        <source>Export View…</source>
        <translation>导出视图…</translation>
    </message>
    <message>
        <source>Export Files…</source>
        <translation>导出文件…</translation>
    </message>
    <message>
        <source>What is on screen as PNG or PDF</source>
        <translation>将当前显示的内容导出为 PNG 或 PDF</translation>
    </message>
    <message>
        <source>Overlays, strip, MP4, maps as .npy and JSON, as the gradcam verb writes them</source>
        <translation>叠加图、帧条、MP4，以及 .npy 和 JSON 格式的热力图，与 gradcam 子命令的输出相同</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Play the frames (Space)</source>
        <translation>播放各帧（空格键）</translation>
    </message>
    <message>
        <source>Previous frame (Left)</source>
        <translation>上一帧（左方向键）</translation>
    </message>
    <message>
        <source>Next frame (Right)</source>
        <translation>下一帧（右方向键）</translation>
    </message>
    <message>
        <source>Cannot list the runs: %1</source>
        <translation>无法列出运行：%1</translation>
    </message>
    <message>
        <source>frame %1 / %2 · %3 s</source>
        <translation>第 %1 / %2 帧 · %3 秒</translation>
    </message>
    <message>
        <source>Pick a clip in the dataset browser</source>
        <translation>请在数据集浏览器中选择一个片段</translation>
    </message>
    <message>
        <source>Waiting…</source>
        <translation>等待中…</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>%1 and %2 have maps of different sizes: no difference to show</source>
        <translation>%1 和 %2 的热力图尺寸不同：无法显示差异</translation>
    </message>
    <message>
        <source>main (verb)</source>
        <translation>主分类头（动词）</translation>
    </message>
    <message>
        <source>Open a workspace with trained runs</source>
        <translation>请打开一个包含已训练运行的工作区</translation>
    </message>
    <message>
        <source>This workspace has no runs yet: train one (avt-workbench --batch train) to explain it</source>
        <translation>此工作区尚无运行：请先训练一个（avt-workbench --batch train）再进行解释</translation>
    </message>
    <message>
        <source>Tick one to four runs</source>
        <translation>请勾选一到四个运行</translation>
    </message>
    <message>
        <source>Computing maps of %1 runs on %2…</source>
        <translation>正在为 %2 计算 %1 个运行的热力图…</translation>
    </message>
    <message>
        <source>%1: %2 runs shown (%3 from the cache, %4 computed in %5 s)</source>
        <translation>%1：已显示 %2 个运行（%3 个来自缓存，%4 个新计算，用时 %5 秒）</translation>
    </message>
    <message>
        <source>; %1</source>
        <translation>；%1</translation>
    </message>
    <message>
        <source>Grad-CAM maps</source>
        <translation>Grad-CAM 热力图</translation>
    </message>
    <message>
        <source>Nothing to export yet</source>
        <translation>尚无可导出的内容</translation>
    </message>
    <message>
        <source>Exporting Grad-CAM files</source>
        <translation>正在导出 Grad-CAM 文件</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>Export Grad-CAM View</source>
        <translation>导出 Grad-CAM 视图</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Export Grad-CAM Files To</source>
        <translation>将 Grad-CAM 文件导出到</translation>
    </message>
</context>
<context>
    <name>avt::widgets::ClassHistogram</name>
    <message>
        <source>Clips</source>
        <translation>片段数</translation>
    </message>
</context>
<context>
    <name>avt::widgets::ClipCachePanel</name>
    <message>
        <source>Clip cache</source>
        <translation>片段缓存</translation>
    </message>
    <message>
        <source>Prepare Clip Cache</source>
        <translation>准备片段缓存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Decode the dataset&apos;s clips once, with the first run&apos;s settings, into a cache that training reads instead of decoding every epoch</source>
        <translation>按第一个运行的设置将数据集的片段解码一次，存入缓存，训练时读取缓存而不必每个周期重新解码</translation>
    </message>
    <message>
        <source>Stop after the current clip; Prepare again continues where it stopped</source>
        <translation>处理完当前片段后停止；再次准备会从停止处继续</translation>
    </message>
    <message>
        <source>Open a workspace to see its clip caches.</source>
        <translation>打开工作区以查看其片段缓存。</translation>
    </message>
    <message>
        <source>Plan a valid run to see its clip cache.</source>
        <translation>规划一个有效的运行以查看其片段缓存。</translation>
    </message>
    <message>
        <source>Reading the clip caches…</source>
        <translation>正在读取片段缓存…</translation>
    </message>
    <message>
        <source>Cannot tell: %1</source>
        <translation>无法确定：%1</translation>
    </message>
    <message>
        <source>data.prepared is off: these runs decode every clip, prepared or not.</source>
        <translation>data.prepared 已关闭：无论是否已准备，这些运行都会解码每个片段。</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Training and evaluation</source>
        <translation>训练和评估</translation>
    </message>
    <message>
        <source>%1: prepared, %2 windows, %3, read instead of decoded.</source>
        <translation>%1：已准备，%2 个窗口，%3，读取而不解码。</translation>
    </message>
    <message>
        <source>%1: %2 of %3 windows written (stopped, or being written): Prepare continues it; until it is complete, runs decode.</source>
        <translation>%1：已写入 %3 个窗口中的 %2 个（已停止或正在写入）：准备会继续写入；完成之前，运行会解码。</translation>
    </message>
    <message>
        <source>%1: the cache is damaged (%2): Prepare rebuilds it; until then, runs decode.</source>
        <translation>%1：缓存已损坏（%2）：准备会重建它；在此之前，运行会解码。</translation>
    </message>
    <message>
        <source>%1: none for these settings (the dataset&apos;s cache differs: %2): runs decode every clip.</source>
        <translation>%1：没有适用于这些设置的缓存（数据集的缓存不同：%2）：运行会解码每个片段。</translation>
    </message>
    <message>
        <source>%1: none for these settings: runs decode every clip.</source>
        <translation>%1：没有适用于这些设置的缓存：运行会解码每个片段。</translation>
    </message>
    <message>
        <source>Preparing the clip cache of %1…</source>
        <translation>正在准备 %1 的片段缓存…</translation>
    </message>
    <message>
        <source>Stopping after the current clip…</source>
        <translation>将在当前片段后停止…</translation>
    </message>
    <message>
        <source>Preparing the clip cache of %1: %2</source>
        <translation>正在准备 %1 的片段缓存：%2</translation>
    </message>
    <message>
        <source>Prepared: %1</source>
        <translation>已准备：%1</translation>
    </message>
    <message>
        <source>Stopped; Prepare again continues where it stopped.</source>
        <translation>已停止；再次准备会从停止处继续。</translation>
    </message>
    <message>
        <source>Preparing failed: %1</source>
        <translation>准备失败：%1</translation>
    </message>
    <message>
        <source>Prepared (the verb&apos;s summary is in the tooltip).</source>
        <translation>已准备（摘要见工具提示）。</translation>
    </message>
    <message>
        <source>The runs read the cluster&apos;s workspace: prepare its cache there with
%1</source>
        <translation>这些运行读取集群上的工作区：请在那里用以下命令准备其缓存：
%1</translation>
    </message>
</context>
<context>
    <name>avt::widgets::ClipPreview</name>
    <message>
        <source>Play / pause (Space)</source>
        <translation>播放 / 暂停（空格键）</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <source>Mel bin</source>
        <translation>Mel 频带</translation>
    </message>
    <message>
        <source>Select a clip</source>
        <translation>请选择一个片段</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Cannot preview this clip:
%1</source>
        <translation>无法预览此片段：
%1</translation>
    </message>
    <message>
        <source>No video in this clip</source>
        <translation>此片段没有视频</translation>
    </message>
    <message>
        <source>%1 / %2 s</source>
        <translation>%1 / %2 秒</translation>
    </message>
</context>
<context>
    <name>avt::widgets::ClipTableModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 Hz</source>
        <translation>%1 Hz</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Thumbnail</source>
        <translation>缩略图</translation>
    </message>
    <message>
        <source>Clip</source>
        <translation>片段</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>划分</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Audio rate</source>
        <translation>音频采样率</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>avt::widgets::ColourMaps</name>
    <message>
        <source>Thermal</source>
        <translation>热成像</translation>
    </message>
    <message>
        <source>Grayscale</source>
        <translation>灰度</translation>
    </message>
    <message>
        <source>Hot</source>
        <translation>炽热</translation>
    </message>
    <message>
        <source>Cold</source>
        <translation>冷色</translation>
    </message>
    <message>
        <source>Night</source>
        <translation>夜间</translation>
    </message>
    <message>
        <source>Ion</source>
        <translation>离子</translation>
    </message>
    <message>
        <source>Jet</source>
        <translation>Jet</translation>
    </message>
    <message>
        <source>Polar</source>
        <translation>极坐标</translation>
    </message>
</context>
<context>
    <name>avt::widgets::CompareView</name>
    <message>
        <source>Regex</source>
        <translation>正则</translation>
    </message>
    <message>
        <source>Tick runs to plot and compare them; click a header to sort</source>
        <translation>勾选运行以绘制并比较它们；点击表头可排序</translation>
    </message>
    <message>
        <source>Group:</source>
        <translation>分组：</translation>
    </message>
    <message>
        <source>Colour:</source>
        <translation>颜色：</translation>
    </message>
    <message>
        <source>Filter: words of the name, key=value of the config</source>
        <translation>筛选：名称中的词，或配置中的 键=值</translation>
    </message>
    <message>
        <source>Words must all match: a word with &apos;=&apos; matches a config entry (mode=avt), other words the run name. With Regex: a regular expression on the name or a key=value line of the config.</source>
        <translation>所有词都必须匹配：含“=”的词匹配一个配置项（mode=avt），其他词匹配运行名称。勾选“正则”时：用正则表达式匹配名称或配置中的一行 键=值。</translation>
    </message>
    <message>
        <source>Read the filter as a regular expression</source>
        <translation>将筛选条件作为正则表达式解析</translation>
    </message>
    <message>
        <source>Collapse runs into groups: seeds of one configuration, or runs sharing a config value</source>
        <translation>将运行合并为分组：同一配置的不同种子，或具有相同配置值的运行</translation>
    </message>
    <message>
        <source>Colour runs by their name, or runs with the same config value alike</source>
        <translation>按名称为运行着色，或为配置值相同的运行使用相同颜色</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>最终值</translation>
    </message>
    <message>
        <source>Best</source>
        <translation>最佳值</translation>
    </message>
    <message>
        <source>At step</source>
        <translation>指定步数</translation>
    </message>
    <message>
        <source>Metric values: the last recorded, the best, or the last at or before a step</source>
        <translation>指标取值：最后记录的值、最佳值，或某一步及之前的最后一个值</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Choose the config keys and metrics shown</source>
        <translation>选择要显示的配置键和指标</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the runs table as shown as CSV, LaTeX or Markdown</source>
        <translation>将当前显示的运行表保存为 CSV、LaTeX 或 Markdown</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Config Diff</source>
        <translation>配置差异</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Table 4</source>
        <translation>表 4</translation>
    </message>
    <message>
        <source>Curves of the ticked runs (groups as mean and band)</source>
        <translation>已勾选运行的曲线（分组显示为均值和误差带）</translation>
    </message>
    <message>
        <source>The ticked runs&apos; configs side by side</source>
        <translation>并排显示已勾选运行的配置</translation>
    </message>
    <message>
        <source>The ticked runs&apos; metrics at a chosen point</source>
        <translation>已勾选运行在所选位置的指标</translation>
    </message>
    <message>
        <source>Per-class accuracy, confusion matrix and multi-view re-scoring</source>
        <translation>各类别准确率、混淆矩阵和多视角重新评分</translation>
    </message>
    <message>
        <source>The paper&apos;s Table 4 from a ladder of runs</source>
        <translation>由一组阶梯式运行生成论文中的表 4</translation>
    </message>
    <message>
        <source>Reading the runs</source>
        <translation>正在读取运行</translation>
    </message>
    <message>
        <source>%1: no workspace here</source>
        <translation>%1：此处没有工作区</translation>
    </message>
    <message>
        <source>Cannot read the runs: %1</source>
        <translation>无法读取运行：%1</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>所有状态</translation>
    </message>
    <message>
        <source>All datasets</source>
        <translation>所有数据集</translation>
    </message>
    <message>
        <source>No grouping</source>
        <translation>不分组</translation>
    </message>
    <message>
        <source>Seeds</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Runs that differ only in run.seed form one row (mean ± std)</source>
        <translation>仅 run.seed 不同的运行合并为一行（均值 ± 标准差）</translation>
    </message>
    <message>
        <source>By name</source>
        <translation>按名称</translation>
    </message>
    <message>
        <source>Reading values at step %1</source>
        <translation>正在读取第 %1 步的值</translation>
    </message>
    <message>
        <source>Cannot read the values: %1</source>
        <translation>无法读取数值：%1</translation>
    </message>
    <message>
        <source>No runs</source>
        <translation>没有运行</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Config keys</source>
        <translation>配置键</translation>
    </message>
    <message>
        <source>Keys that differ among the ticked runs</source>
        <translation>已勾选运行之间取值不同的键</translation>
    </message>
    <message>
        <source>More keys</source>
        <translation>更多键</translation>
    </message>
    <message>
        <source>Not a regular expression: %1</source>
        <translation>不是有效的正则表达式：%1</translation>
    </message>
    <message>
        <source>Reading the runs…</source>
        <translation>正在读取运行…</translation>
    </message>
    <message>
        <source>No workspace open.</source>
        <translation>未打开工作区。</translation>
    </message>
    <message>
        <source>No runs in this workspace yet: train one (avt-workbench --batch train or ablate).</source>
        <translation>此工作区尚无运行：请先训练一个（avt-workbench --batch train 或 ablate）。</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n run(s) shown, %2 ticked</source>
        <translation>
            <numerusform>已显示 %1 / %n 个运行，已勾选 %2 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n group(s)</source>
        <translation>
            <numerusform>%n 个分组</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>avt::widgets::ConfigDiffTab</name>
    <message>
        <source>Differences only</source>
        <translation>仅显示差异</translation>
    </message>
    <message>
        <source>Show only the config keys whose values differ between the ticked runs</source>
        <translation>仅显示在已勾选运行之间取值不同的配置键</translation>
    </message>
    <message>
        <source>Tick runs in the runs table to compare their configs.</source>
        <translation>请在运行表中勾选运行以比较其配置。</translation>
    </message>
    <message>
        <source>Tick a second run to see what differs.</source>
        <translation>请再勾选一个运行以查看差异。</translation>
    </message>
    <message numerus="yes">
        <source>The configs of the %n ticked run(s) are the same.</source>
        <translation>
            <numerusform>%n 个已勾选运行的配置完全相同。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) differ</source>
        <translation>
            <numerusform>%n 个键不同</numerusform>
        </translation>
    </message>
    <message>
        <source>(showing the first %1 of %2 ticked runs)</source>
        <translation>（显示 %2 个已勾选运行中的前 %1 个）</translation>
    </message>
    <message>
        <source>(absent)</source>
        <translation>（缺失）</translation>
    </message>
</context>
<context>
    <name>avt::widgets::ConfigForm</name>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Losses</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Masking</source>
        <translation>遮蔽</translation>
    </message>
    <message>
        <source>Optimisation</source>
        <translation>优化</translation>
    </message>
    <message>
        <source>Distribution</source>
        <translation>分布式训练</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>Fusion</source>
        <translation>融合</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>分类头</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Segment detector</source>
        <translation>片段检测器</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
    <message>
        <source>named architecture; choosing one fills the model fields below</source>
        <translation>命名架构；选择后会填充下方的模型字段</translation>
    </message>
    <message>
        <source>%1
architecture key</source>
        <translation>%1
架构键</translation>
    </message>
    <message>
        <source>Allowed: %1 … %2</source>
        <translation>允许范围：%1 … %2</translation>
    </message>
    <message>
        <source>Default: %1</source>
        <translation>默认：%1</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>segment detector key</source>
        <translation>片段检测器键</translation>
    </message>
    <message>
        <source>%1
%2
Allowed: %3 … %4</source>
        <translation>%1
%2
允许范围：%3 … %4</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose a weights file</source>
        <translation>选择权重文件</translation>
    </message>
    <message>
        <source>Starting weights</source>
        <translation>初始权重</translation>
    </message>
    <message>
        <source>Weights (*.pt *.safetensors *.npz);;All files (*)</source>
        <translation>权重 (*.pt *.safetensors *.npz);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>avt::widgets::CurvePlot</name>
    <message>
        <source>The metric drawn</source>
        <translation>绘制的指标</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>挂钟时间</translation>
    </message>
    <message>
        <source>Relative time</source>
        <translation>相对时间</translation>
    </message>
    <message>
        <source>Relative time: seconds since each run&apos;s first point</source>
        <translation>相对时间：自每个运行第一个数据点起的秒数</translation>
    </message>
    <message>
        <source>Log x</source>
        <translation>对数 x 轴</translation>
    </message>
    <message>
        <source>Log y</source>
        <translation>对数 y 轴</translation>
    </message>
    <message>
        <source>Values at or below zero are not drawn on a log axis</source>
        <translation>对数坐标轴上不绘制小于或等于零的值</translation>
    </message>
    <message>
        <source>Exponential moving average as TensorBoard smooths (0: off)</source>
        <translation>与 TensorBoard 相同的指数移动平均平滑（0：关闭）</translation>
    </message>
    <message>
        <source>± std</source>
        <translation>± 标准差</translation>
    </message>
    <message>
        <source>min–max</source>
        <translation>最小–最大</translation>
    </message>
    <message>
        <source>95% CI</source>
        <translation>95% 置信区间</translation>
    </message>
    <message>
        <source>The band around each group&apos;s mean</source>
        <translation>每个分组均值周围的误差带</translation>
    </message>
    <message>
        <source>Reset view</source>
        <translation>重置视图</translation>
    </message>
    <message>
        <source>Export image…</source>
        <translation>导出图像…</translation>
    </message>
    <message>
        <source>Save the plot as PNG, SVG or PDF</source>
        <translation>将图表保存为 PNG、SVG 或 PDF</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Save the plotted data at full resolution, raw and smoothed</source>
        <translation>以完整分辨率保存绘制的数据，包括原始值和平滑值</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>X axis</source>
        <translation>X 轴</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>Band</source>
        <translation>误差带</translation>
    </message>
    <message>
        <source>Loading curves…</source>
        <translation>正在加载曲线…</translation>
    </message>
    <message>
        <source>Cannot load every curve: %1</source>
        <translation>无法加载全部曲线：%1</translation>
    </message>
    <message>
        <source>Wall time (s)</source>
        <translation>挂钟时间（秒）</translation>
    </message>
    <message>
        <source>Time since the first point (s)</source>
        <translation>自第一个数据点起的时间（秒）</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 图像 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>Export plotted data</source>
        <translation>导出绘制的数据</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>avt::widgets::DatasetBrowser</name>
    <message>
        <source>&amp;Dataset:</source>
        <translation>数据集(&amp;D)：</translation>
    </message>
    <message>
        <source>Reading datasets</source>
        <translation>正在读取数据集</translation>
    </message>
    <message>
        <source>No datasets yet: File &gt; Import Dataset…</source>
        <translation>尚无数据集：文件 &gt; 导入数据集…</translation>
    </message>
    <message>
        <source>Loading clips of %1</source>
        <translation>正在加载 %1 的片段</translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s)</source>
        <translation>
            <numerusform>%n 个片段</numerusform>
        </translation>
    </message>
    <message>
        <source>Grad-CAM…</source>
        <translation>Grad-CAM…</translation>
    </message>
    <message>
        <source>Open the current clip in the Grad-CAM viewer</source>
        <translation>在 Grad-CAM 查看器中打开当前片段</translation>
    </message>
    <message>
        <source>Open in &amp;Grad-CAM Viewer</source>
        <translation>在 Grad-CAM 查看器中打开(&amp;G)</translation>
    </message>
    <message>
        <source>Prepare Clip &amp;Cache…</source>
        <translation>准备片段缓存(&amp;C)…</translation>
    </message>
    <message>
        <source>Prepare clip cache…</source>
        <translation>准备片段缓存…</translation>
    </message>
    <message>
        <source>Decode the shown dataset&apos;s clips once into a cache that training reads</source>
        <translation>将当前数据集的片段一次性解码到训练读取的缓存中</translation>
    </message>
    <message>
        <source>Preparing the clip cache of %1: %2</source>
        <translation>正在准备 %1 的片段缓存：%2</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop after the current clip; a later run continues where this one stopped</source>
        <translation>在当前片段之后停止；之后再次运行会从停止处继续</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Preparing the clip cache of %1</source>
        <translation>正在准备 %1 的片段缓存</translation>
    </message>
    <message>
        <source>Stopping after the current clip…</source>
        <translation>将在当前片段之后停止…</translation>
    </message>
    <message>
        <source>Clip cache of %1 ready: %2</source>
        <translation>%1 的片段缓存已就绪：%2</translation>
    </message>
    <message>
        <source>Clip cache of %1 stopped; Prepare again to continue where it stopped</source>
        <translation>%1 的片段缓存已停止；再次准备即可从停止处继续</translation>
    </message>
    <message>
        <source>Preparing the clip cache of %1 failed: %2</source>
        <translation>准备 %1 的片段缓存失败：%2</translation>
    </message>
</context>
<context>
    <name>avt::widgets::DetectorForm</name>
    <message>
        <source>Max. segments</source>
        <translation>最大片段数</translation>
    </message>
    <message>
        <source>Smoothing window</source>
        <translation>平滑窗口</translation>
    </message>
    <message>
        <source>Smoothing order</source>
        <translation>平滑阶数</translation>
    </message>
    <message>
        <source>Activity window</source>
        <translation>活动曲线窗口</translation>
    </message>
    <message>
        <source>Activity order</source>
        <translation>活动曲线阶数</translation>
    </message>
    <message>
        <source>Peak radius</source>
        <translation>峰值半径</translation>
    </message>
    <message>
        <source>Min. segment frames</source>
        <translation>最小片段帧数</translation>
    </message>
    <message>
        <source>Min. activity</source>
        <translation>最小活动度</translation>
    </message>
    <message>
        <source>Relative threshold</source>
        <translation>相对阈值</translation>
    </message>
    <message>
        <source>%1 (%2 … %3)</source>
        <translation>%1（%2 … %3）</translation>
    </message>
    <message>
        <source>Seed of the random choice of masked segments</source>
        <translation>随机选择被遮蔽片段所用的种子</translation>
    </message>
    <message>
        <source>Share of the segments that are masked (the paper uses 4 %)</source>
        <translation>被遮蔽片段所占比例（论文中为 4%）</translation>
    </message>
    <message>
        <source>Mask seed</source>
        <translation>遮蔽种子</translation>
    </message>
    <message>
        <source>Mask probability</source>
        <translation>遮蔽概率</translation>
    </message>
    <message>
        <source>&amp;Defaults</source>
        <translation>默认值(&amp;D)</translation>
    </message>
</context>
<context>
    <name>avt::widgets::EvaluationTab</name>
    <message>
        <source>Normalised</source>
        <translation>归一化</translation>
    </message>
    <message>
        <source>Export bars…</source>
        <translation>导出柱状图…</translation>
    </message>
    <message>
        <source>Export matrix…</source>
        <translation>导出矩阵…</translation>
    </message>
    <message>
        <source>Verb head</source>
        <translation>动词分类头</translation>
    </message>
    <message>
        <source>Noun head</source>
        <translation>名词分类头</translation>
    </message>
    <message>
        <source>Which head of a two-head (EPIC-KITCHENS) run the bars, the matrix and the re-scoring show</source>
        <translation>对于双分类头（EPIC-KITCHENS）的运行，柱状图、矩阵和重新评分所显示的分类头</translation>
    </message>
    <message>
        <source>Matrix of run A</source>
        <translation>运行 A 的矩阵</translation>
    </message>
    <message>
        <source>Matrix of run B</source>
        <translation>运行 B 的矩阵</translation>
    </message>
    <message>
        <source>Each row divided by its clips (the share of a true class predicted as each class)</source>
        <translation>每行除以该行的片段数（某一真实类别被预测为各类别的比例）</translation>
    </message>
    <message>
        <source>Accuracy (%)</source>
        <translation>准确率（%）</translation>
    </message>
    <message>
        <source>Predicted class</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>True class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>Top-1 accuracy re-scored from the stored per-view logits, without running the model</source>
        <translation>根据已存储的各视角 logits 重新计算的 top-1 准确率，无需运行模型</translation>
    </message>
    <message>
        <source>Run A:</source>
        <translation>运行 A：</translation>
    </message>
    <message>
        <source>Run B:</source>
        <translation>运行 B：</translation>
    </message>
    <message>
        <source>Multi-view re-scoring (top-1)</source>
        <translation>多视角重新评分（top-1）</translation>
    </message>
    <message>
        <source>Top-1 of the stored predictions, of the views&apos; softmax averaged again, of the first view alone and of each view alone (from the stored per-view logits)</source>
        <translation>已存储预测的 top-1、重新对各视角 softmax 取平均后的 top-1、仅用第一个视角的 top-1，以及每个视角单独的 top-1（基于已存储的各视角 logits）</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Choose a run to see its evaluation.</source>
        <translation>请选择一个运行以查看其评估结果。</translation>
    </message>
    <message>
        <source>No runs in this workspace.</source>
        <translation>此工作区中没有运行。</translation>
    </message>
    <message>
        <source>Reading the predictions…</source>
        <translation>正在读取预测结果…</translation>
    </message>
    <message>
        <source>%1 has no stored predictions. Evaluate it (avt-workbench --batch eval --workspace WS --run %1), or let its training reach an evaluation.</source>
        <translation>%1 没有已存储的预测结果。请对其进行评估（avt-workbench --batch eval --workspace WS --run %1），或等待其训练进行到一次评估。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%1: verb top-1 %2, noun top-1 %3, action top-1 %4 on %n clip(s)</source>
        <translation>
            <numerusform>%1：在 %n 个片段上，动词 top-1 %2，名词 top-1 %3，动作 top-1 %4</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: top-1 %2 on %n clip(s)</source>
        <translation>
            <numerusform>%1：在 %n 个片段上 top-1 为 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Share of the true class</source>
        <translation>占真实类别的比例</translation>
    </message>
    <message>
        <source>Clips</source>
        <translation>片段数</translation>
    </message>
    <message>
        <source>Stored (views averaged)</source>
        <translation>已存储（各视角平均）</translation>
    </message>
    <message>
        <source>Views averaged</source>
        <translation>各视角平均</translation>
    </message>
    <message>
        <source>First view</source>
        <translation>第一个视角</translation>
    </message>
    <message>
        <source>View %1</source>
        <translation>视角 %1</translation>
    </message>
    <message>
        <source>Views per clip</source>
        <translation>每个片段的视角数</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 图像 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
</context>
<context>
    <name>avt::widgets::FilterPanel</name>
    <message>
        <source>&amp;Label:</source>
        <translation>标签(&amp;L)：</translation>
    </message>
    <message>
        <source>S&amp;plit:</source>
        <translation>划分(&amp;P)：</translation>
    </message>
    <message>
        <source>P&amp;roblem:</source>
        <translation>问题(&amp;R)：</translation>
    </message>
    <message>
        <source>Search paths…</source>
        <translation>搜索路径…</translation>
    </message>
    <message>
        <source>Sea&amp;rch:</source>
        <translation>搜索(&amp;R)：</translation>
    </message>
    <message>
        <source>no problems</source>
        <translation>无问题</translation>
    </message>
    <message>
        <source>All (%1)</source>
        <translation>全部（%1）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>avt::widgets::ImportDialog</name>
    <message>
        <source>Import Dataset</source>
        <translation>导入数据集</translation>
    </message>
    <message>
        <source>&amp;Annotation file:</source>
        <translation>标注文件(&amp;A)：</translation>
    </message>
    <message>
        <source>CSV (path, label, split)</source>
        <translation>CSV（路径、标签、划分）</translation>
    </message>
    <message>
        <source>VGGSound</source>
        <translation>VGGSound</translation>
    </message>
    <message>
        <source>Kinetics-Sounds</source>
        <translation>Kinetics-Sounds</translation>
    </message>
    <message>
        <source>EPIC-KITCHENS-100</source>
        <translation>EPIC-KITCHENS-100</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>Dataset &amp;name:</source>
        <translation>数据集名称(&amp;N)：</translation>
    </message>
    <message>
        <source>the annotation file&apos;s folder</source>
        <translation>标注文件所在文件夹</translation>
    </message>
    <message>
        <source>&amp;Media folder:</source>
        <translation>媒体文件夹(&amp;M)：</translation>
    </message>
    <message>
        <source>the dataset&apos;s usual file names</source>
        <translation>数据集的常用文件名</translation>
    </message>
    <message>
        <source>Placeholders: {id}, {start}, {end}, {start:06d}, {end:06d}; EPIC: {participant}, {video}</source>
        <translation>占位符：{id}、{start}、{end}、{start:06d}、{end:06d}；EPIC：{participant}、{video}</translation>
    </message>
    <message>
        <source>File name &amp;pattern:</source>
        <translation>文件名模式(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Class list:</source>
        <translation>类别列表(&amp;C)：</translation>
    </message>
    <message>
        <source>Kinetics-Sounds: a file with one class name per line</source>
        <translation>Kinetics-Sounds：每行一个类别名称的文件</translation>
    </message>
    <message>
        <source>from the file name</source>
        <translation>取自文件名</translation>
    </message>
    <message>
        <source>&amp;Split:</source>
        <translation>划分(&amp;S)：</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Mi&amp;nimum duration:</source>
        <translation>最短时长(&amp;N)：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <source>Annotation files (*.csv *.txt);;All files (*)</source>
        <translation>标注文件 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>avt::widgets::ImportTask</name>
    <message>
        <source>
Rows skipped:
</source>
        <translation>
跳过的行：
</translation>
    </message>
    <message>
        <source>  line %1: %2
</source>
        <translation>  第 %1 行：%2
</translation>
    </message>
</context>
<context>
    <name>avt::widgets::LadderTab</name>
    <message>
        <source>Ladders are runs named &lt;prefix&gt;-&lt;rung&gt;, as the ablate verb names them</source>
        <translation>阶梯是名为 &lt;prefix&gt;-&lt;rung&gt; 的一组运行，与 ablate 子命令的命名方式相同</translation>
    </message>
    <message>
        <source>At the end</source>
        <translation>训练结束时</translation>
    </message>
    <message>
        <source>At the best top-1 epoch</source>
        <translation>在 top-1 最佳的轮次</translation>
    </message>
    <message>
        <source>Save the table as CSV, LaTeX (the paper&apos;s layout) or Markdown</source>
        <translation>将表格保存为 CSV、LaTeX（论文版式）或 Markdown</translation>
    </message>
    <message>
        <source>Ladder:</source>
        <translation>阶梯：</translation>
    </message>
    <message>
        <source>No Table 4 ladder among the runs: train one with the ablate verb (avt-workbench --batch ablate --ladder table4 …); its runs are named &lt;prefix&gt;-audio, &lt;prefix&gt;-video, … (-seedN with several seeds).</source>
        <translation>运行中没有表 4 的阶梯：请用 ablate 子命令训练一组（avt-workbench --batch ablate --ladder table4 …）；其运行名为 &lt;prefix&gt;-audio、&lt;prefix&gt;-video、…（有多个种子时带 -seedN）。</translation>
    </message>
    <message>
        <source>Reading the ladder…</source>
        <translation>正在读取阶梯…</translation>
    </message>
    <message>
        <source>Cannot make the table: %1</source>
        <translation>无法生成表格：%1</translation>
    </message>
</context>
<context>
    <name>avt::widgets::LauncherView</name>
    <message>
        <source>Changes against the base</source>
        <translation>相对于基准的更改</translation>
    </message>
    <message>
        <source>No changes</source>
        <translation>无更改</translation>
    </message>
    <message>
        <source>Command of the first run</source>
        <translation>第一个运行的命令</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the command to run it in a terminal</source>
        <translation>复制命令，以便在终端中运行</translation>
    </message>
    <message>
        <source>Write Slurm Scripts…</source>
        <translation>写入 Slurm 脚本…</translation>
    </message>
    <message>
        <source>Write runs/&lt;name&gt;/slurm.sbatch and torchrun.sh for each run</source>
        <translation>为每个运行写入 runs/&lt;name&gt;/slurm.sbatch 和 torchrun.sh</translation>
    </message>
    <message>
        <source>Preset: %1</source>
        <translation>预设：%1</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>起始配置</translation>
    </message>
    <message>
        <source>A model preset with the default settings, or a stored run&apos;s whole config (run again with changes)</source>
        <translation>使用默认设置的模型预设，或某个已存储运行的完整配置（修改后再次运行）</translation>
    </message>
    <message>
        <source>The workspace dataset the runs train on (run.dataset)</source>
        <translation>运行所训练的工作区数据集（run.dataset）</translation>
    </message>
    <message>
        <source>Choose a dataset</source>
        <translation>选择数据集</translation>
    </message>
    <message>
        <source>Base:</source>
        <translation>基准：</translation>
    </message>
    <message>
        <source>Dataset:</source>
        <translation>数据集：</translation>
    </message>
    <message>
        <source>Runs to queue</source>
        <translation>要加入队列的运行</translation>
    </message>
    <message>
        <source>Run name, or the prefix of the names of a ladder, sweep or seeds</source>
        <translation>运行名称，或阶梯、扫描或多个种子的运行名称前缀</translation>
    </message>
    <message>
        <source>Name / prefix:</source>
        <translation>名称 / 前缀：</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Table 4 ladder (8 rungs)</source>
        <translation>表 4 阶梯（8 级）</translation>
    </message>
    <message>
        <source>Ladder:</source>
        <translation>阶梯：</translation>
    </message>
    <message>
        <source>The config key to sweep</source>
        <translation>要扫描的配置键</translation>
    </message>
    <message>
        <source>values, comma-separated</source>
        <translation>取值，以逗号分隔</translation>
    </message>
    <message>
        <source>Sweep:</source>
        <translation>扫描：</translation>
    </message>
    <message>
        <source>Add Sweep Key</source>
        <translation>添加扫描键</translation>
    </message>
    <message>
        <source>Sweep a second key: every combination of the two (a grid)</source>
        <translation>扫描第二个键：两者的所有组合（网格）</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Sweep the first key only</source>
        <translation>仅扫描第一个键</translation>
    </message>
    <message>
        <source>Grid with:</source>
        <translation>网格组合：</translation>
    </message>
    <message>
        <source>Seeds per configuration: run.seed, run.seed + 1, ...</source>
        <translation>每个配置的种子数：run.seed、run.seed + 1、...</translation>
    </message>
    <message>
        <source>Seeds:</source>
        <translation>种子数：</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Untick a run to leave it out; double-click a name to change it</source>
        <translation>取消勾选某个运行即可将其排除；双击名称可修改</translation>
    </message>
    <message>
        <source>Run: %1</source>
        <translation>运行：%1</translation>
    </message>
    <message>
        <source>No run named &apos;%1&apos; in this workspace.</source>
        <translation>此工作区中没有名为“%1”的运行。</translation>
    </message>
    <message>
        <source>run &apos;%1&apos;</source>
        <translation>运行“%1”</translation>
    </message>
    <message numerus="yes">
        <source>Queue %n Run(s)</source>
        <translation>
            <numerusform>将 %n 个运行加入队列</numerusform>
        </translation>
    </message>
    <message>
        <source>Open a workspace to queue runs.</source>
        <translation>请打开一个工作区以将运行加入队列。</translation>
    </message>
    <message>
        <source>Reading the workspace…</source>
        <translation>正在读取工作区…</translation>
    </message>
    <message>
        <source>No run is ticked.</source>
        <translation>未勾选任何运行。</translation>
    </message>
    <message>
        <source>Two runs are named &apos;%1&apos;: rename one.</source>
        <translation>有两个运行都名为“%1”：请重命名其中一个。</translation>
    </message>
    <message>
        <source>A run named &apos;%1&apos; exists in the workspace: choose another name or prefix.</source>
        <translation>工作区中已存在名为“%1”的运行：请选择其他名称或前缀。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Choose the dataset the runs train on (import one into the workspace first).</source>
        <translation>请选择运行所训练的数据集（请先向工作区导入一个数据集）。</translation>
    </message>
    <message>
        <source>%1: the workspace has no dataset named &apos;%2&apos;.</source>
        <translation>%1：工作区中没有名为“%2”的数据集。</translation>
    </message>
    <message>
        <source>Tick the GPUs the runs should use.</source>
        <translation>请勾选运行要使用的 GPU。</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Written: %1. Submit with sbatch on the cluster.</source>
        <translation>已写入：%1。请在集群上用 sbatch 提交。</translation>
    </message>
</context>
<context>
    <name>avt::widgets::MainWindow</name>
    <message>
        <source>AVT Workbench</source>
        <translation>AVT 工作台</translation>
    </message>
    <message>
        <source>No workspace open: File &gt; New Workspace or Open Workspace, or drop a folder here.</source>
        <translation>未打开工作区：请选择 文件 &gt; 新建工作区 或 打开工作区，或将文件夹拖放到此处。</translation>
    </message>
    <message>
        <source>Dataset Browser</source>
        <translation>数据集浏览器</translation>
    </message>
    <message>
        <source>Segment Inspector</source>
        <translation>片段检查器</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New Workspace…</source>
        <translation>新建工作区(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Import Dataset…</source>
        <translation>导入数据集(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export Segment View…</source>
        <translation>导出片段视图(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Reset &amp;Layout</source>
        <translation>重置布局(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The language changes when the workbench is started again.</source>
        <translation>语言将在下次启动工作台时更改。</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About AVT Workbench</source>
        <translation>关于 AVT 工作台(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>清空列表(&amp;C)</translation>
    </message>
    <message>
        <source>%1 - AVT Workbench</source>
        <translation>%1 - AVT 工作台</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>工作区：%1</translation>
    </message>
    <message>
        <source>Cannot open workspace</source>
        <translation>无法打开工作区</translation>
    </message>
    <message>
        <source>New workspace: choose or create an empty folder</source>
        <translation>新建工作区：选择或创建一个空文件夹</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>%1 holds no workspace yet. Create one there?</source>
        <translation>%1 中还没有工作区。要在此创建一个吗？</translation>
    </message>
    <message>
        <source>Import Dataset</source>
        <translation>导入数据集</translation>
    </message>
    <message>
        <source>Open or create a workspace first.</source>
        <translation>请先打开或创建一个工作区。</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>当前没有打开的工作区。</translation>
    </message>
    <message>
        <source>An import is already running.</source>
        <translation>已有导入任务正在运行。</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>正在导入 %1</translation>
    </message>
    <message>
        <source>Import failed: %1</source>
        <translation>导入失败：%1</translation>
    </message>
    <message>
        <source>Imported %1: %2 clips, %3 usable, %4 rows skipped.</source>
        <translation>已导入 %1：%2 个片段，%3 个可用，跳过 %4 行。</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>Some clips or rows have problems; see the details.</source>
        <translation>部分片段或行存在问题，请查看详细信息。</translation>
    </message>
    <message>
        <source>Grad-CAM Viewer</source>
        <translation>Grad-CAM 查看器</translation>
    </message>
    <message>
        <source>&amp;Runs</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>Explain with &amp;Grad-CAM</source>
        <translation>用 Grad-CAM 解释(&amp;G)</translation>
    </message>
    <message>
        <source>No runs in this workspace</source>
        <translation>此工作区中没有运行</translation>
    </message>
    <message>
        <source>The language changes when the running import has finished: pick it again then.</source>
        <translation>语言将在正在进行的导入完成后切换：届时请再次选择。</translation>
    </message>
    <message>
        <source>Run Comparison</source>
        <translation>运行对比</translation>
    </message>
    <message>
        <source>Run Launcher</source>
        <translation>运行启动器</translation>
    </message>
    <message>
        <source>Training Runs</source>
        <translation>训练运行</translation>
    </message>
</context>
<context>
    <name>avt::widgets::PixmapExport</name>
    <message>
        <source>%1: cannot write the PNG</source>
        <translation>%1：无法写入 PNG</translation>
    </message>
    <message>
        <source>%1: cannot write the PDF</source>
        <translation>%1：无法写入 PDF</translation>
    </message>
    <message>
        <source>%1: nothing written</source>
        <translation>%1：未写入任何内容</translation>
    </message>
</context>
<context>
    <name>avt::widgets::PlacementBox</name>
    <message>
        <source>Where</source>
        <translation>运行位置</translation>
    </message>
    <message>
        <source>This machine: CPU</source>
        <translation>本机：CPU</translation>
    </message>
    <message>
        <source>This machine: GPUs</source>
        <translation>本机：GPU</translation>
    </message>
    <message>
        <source>Any free GPUs:</source>
        <translation>任意空闲 GPU：</translation>
    </message>
    <message>
        <source>Cluster (Slurm)</source>
        <translation>集群（Slurm）</translation>
    </message>
    <message>
        <source>No CUDA GPU found</source>
        <translation>未找到 CUDA GPU</translation>
    </message>
    <message>
        <source> GPU(s)</source>
        <translation> 个 GPU</translation>
    </message>
    <message>
        <source>Ranks per run on this machine (--nproc-per-node): Gloo on the CPU, NCCL on GPUs</source>
        <translation>本机上每个运行的进程（rank）数（--nproc-per-node）：CPU 上使用 Gloo，GPU 上使用 NCCL</translation>
    </message>
    <message>
        <source>Ranks per run:</source>
        <translation>每个运行的进程数：</translation>
    </message>
    <message>
        <source>Share GPUs with other runs</source>
        <translation>与其他运行共享 GPU</translation>
    </message>
    <message>
        <source>Start even when another queued run holds these GPUs</source>
        <translation>即使队列中的其他运行占用了这些 GPU 也启动</translation>
    </message>
    <message>
        <source>same as here</source>
        <translation>与本机相同</translation>
    </message>
    <message>
        <source>Nodes:</source>
        <translation>节点数：</translation>
    </message>
    <message>
        <source>Tasks (ranks) per node:</source>
        <translation>每节点任务（进程）数：</translation>
    </message>
    <message>
        <source>GPUs per task:</source>
        <translation>每任务 GPU 数：</translation>
    </message>
    <message>
        <source>CPUs per task:</source>
        <translation>每任务 CPU 数：</translation>
    </message>
    <message>
        <source>Time limit:</source>
        <translation>时间限制：</translation>
    </message>
    <message>
        <source>Partition:</source>
        <translation>分区：</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>账户：</translation>
    </message>
    <message>
        <source>Workbench on the cluster:</source>
        <translation>集群上的工作台程序：</translation>
    </message>
    <message>
        <source>Workspace on the cluster:</source>
        <translation>集群上的工作区：</translation>
    </message>
    <message>
        <source>torchrun rendezvous host:</source>
        <translation>torchrun rendezvous 主机：</translation>
    </message>
    <message>
        <source>Time limit &apos;%1&apos;: use HH:MM:SS or D-HH:MM:SS.</source>
        <translation>时间限制“%1”：请使用 HH:MM:SS 或 D-HH:MM:SS 格式。</translation>
    </message>
    <message>
        <source>Say where the workbench is on the cluster.</source>
        <translation>请指定工作台程序在集群上的位置。</translation>
    </message>
</context>
<context>
    <name>avt::widgets::PlotExport</name>
    <message>
        <source>%1: unknown image format (use .png, .svg or .pdf)</source>
        <translation>%1：未知的图像格式（请使用 .png、.svg 或 .pdf）</translation>
    </message>
    <message>
        <source>Cannot write %1: no such folder</source>
        <translation>无法写入 %1：文件夹不存在</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>avt::widgets::PrepareDialog</name>
    <message>
        <source>&amp;Rebuild from scratch</source>
        <translation>从头重建(&amp;R)</translation>
    </message>
    <message>
        <source>Prepare Clip Cache</source>
        <translation>准备片段缓存</translation>
    </message>
    <message>
        <source>The model preset whose input sizes the clips are decoded for</source>
        <translation>按其输入尺寸解码片段的模型预设</translation>
    </message>
    <message>
        <source>Forget what the cache holds and write every entry again</source>
        <translation>丢弃缓存中的内容并重新写入每个条目</translation>
    </message>
    <message>
        <source>Decode the clips of &lt;b&gt;%1&lt;/b&gt; once into a cache that training reads instead of decoding every epoch. A stopped run can be continued later.</source>
        <translation>将 &lt;b&gt;%1&lt;/b&gt; 的片段一次性解码到缓存中，训练读取缓存而不必每个周期重新解码。已停止的运行可以稍后继续。</translation>
    </message>
    <message>
        <source>&amp;Model preset:</source>
        <translation>模型预设(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Prepare</source>
        <translation>准备(&amp;P)</translation>
    </message>
</context>
<context>
    <name>avt::widgets::RunMonitor</name>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进度</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>Data wait</source>
        <translation>数据等待</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Drag to pan, wheel to zoom, double-click to follow the run again</source>
        <translation>拖动可平移，滚轮可缩放，双击可重新跟随运行</translation>
    </message>
    <message>
        <source>Cannot read the run: %1</source>
        <translation>无法读取运行：%1</translation>
    </message>
    <message>
        <source>The run failed without a message; see its logs below.</source>
        <translation>运行失败，但没有错误信息；请查看下方的日志。</translation>
    </message>
    <message>
        <source>The training process (pid %1 on %2, last heartbeat %3) is gone without recording an end. Resume the run to continue from its last checkpoint.</source>
        <translation>训练进程（%2 上的 pid %1，最后心跳 %3）已消失，且未记录结束。请恢复该运行，从其最后一个检查点继续。</translation>
    </message>
    <message>
        <source>an unknown host</source>
        <translation>未知主机</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Stopped on request; resume it to continue from its last checkpoint.</source>
        <translation>已按请求停止；恢复后将从其最后一个检查点继续。</translation>
    </message>
    <message>
        <source>No run named %1 in this workspace yet (a queued run appears when it starts).</source>
        <translation>此工作区中尚无名为 %1 的运行（队列中的运行会在启动后出现）。</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>epoch %1/%2, step %3/%4</source>
        <translation>轮次 %1/%2，步数 %3/%4</translation>
    </message>
    <message>
        <source>%1 clips/s</source>
        <translation>%1 clips/s</translation>
    </message>
    <message>
        <source>%1 s per step (mean of the last %2 records); %3 clips per step (batch %4 × accumulate %5 × %6 ranks)</source>
        <translation>每步 %1 秒（最近 %2 条记录的均值）；每步 %3 个片段（batch %4 × 累积 %5 × %6 个进程）</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Share of the step time spent waiting for data (last %1 records)</source>
        <translation>每步时间中等待数据所占的比例（最近 %1 条记录）</translation>
    </message>
    <message>
        <source> (step %1)</source>
        <translation> （第 %1 步）</translation>
    </message>
</context>
<context>
    <name>avt::widgets::RunQueue</name>
    <message>
        <source>%1 (kept as %2; the queue starts empty)</source>
        <translation>%1（已另存为 %2；队列从空开始）</translation>
    </message>
    <message>
        <source>the process ended before the run was created</source>
        <translation>进程在运行创建之前就已结束</translation>
    </message>
    <message>
        <source>the process ended without finishing (killed, or it crashed); resume continues from the last checkpoint</source>
        <translation>进程未完成即已结束（被终止或崩溃）；恢复将从最后一个检查点继续</translation>
    </message>
    <message>
        <source>attached: started outside this queue</source>
        <translation>已接管：在此队列之外启动</translation>
    </message>
    <message>
        <source>--- %1: %2 %3
</source>
        <translation>--- %1: %2 %3
</translation>
    </message>
    <message>
        <source>%1: a run of this name exists in the workspace</source>
        <translation>%1：工作区中已存在同名运行</translation>
    </message>
    <message>
        <source>Not queued: %1</source>
        <translation>未加入队列：%1</translation>
    </message>
    <message>
        <source>stopping: a checkpoint, then exit</source>
        <translation>正在停止：先保存检查点，然后退出</translation>
    </message>
</context>
<context>
    <name>avt::widgets::RunsModel</name>
    <message>
        <source>%1 (run %2)</source>
        <translation>%1（运行 %2）</translation>
    </message>
    <message>
        <source>%1 (run %2): %3</source>
        <translation>%1（运行 %2）：%3</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n run(s)</source>
        <translation>
            <numerusform>%1：%n 个运行</numerusform>
        </translation>
    </message>
    <message>
        <source>mean %1, std %2, min %3, max %4, n = %5</source>
        <translation>均值 %1，标准差 %2，最小值 %3，最大值 %4，n = %5</translation>
    </message>
    <message numerus="yes">
        <source>%1  (%n run(s))</source>
        <translation>
            <numerusform>%1（%n 个运行）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: the last value recorded</source>
        <translation>%1：最后记录的值</translation>
    </message>
    <message>
        <source>%1: the highest value recorded</source>
        <translation>%1：记录到的最大值</translation>
    </message>
    <message>
        <source>%1: the lowest value recorded</source>
        <translation>%1：记录到的最小值</translation>
    </message>
    <message>
        <source>%1: the last value at or before step %2</source>
        <translation>%1：第 %2 步及之前的最后一个值</translation>
    </message>
    <message>
        <source>Config key %1</source>
        <translation>配置键 %1</translation>
    </message>
    <message>
        <source>Group / run</source>
        <translation>分组 / 运行</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>%1 (best)</source>
        <translation>%1（最佳）</translation>
    </message>
    <message>
        <source>%1 @ %2</source>
        <translation>%1 @ %2</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>World size</source>
        <translation>进程总数</translation>
    </message>
    <message>
        <source>Duration (s)</source>
        <translation>时长（秒）</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行数</translation>
    </message>
    <message>
        <source>Best values.</source>
        <translation>最佳值。</translation>
    </message>
    <message>
        <source>Values at step %1.</source>
        <translation>第 %1 步的值。</translation>
    </message>
</context>
<context>
    <name>avt::widgets::SegmentInspector</name>
    <message>
        <source>AudioSet statistics</source>
        <translation>AudioSet 统计量</translation>
    </message>
    <message>
        <source>ESC-50 statistics</source>
        <translation>ESC-50 统计量</translation>
    </message>
    <message>
        <source>Speech Commands statistics</source>
        <translation>Speech Commands 统计量</translation>
    </message>
    <message>
        <source>Clip length</source>
        <translation>片段长度</translation>
    </message>
    <message>
        <source>Preset length (padded / cut)</source>
        <translation>预设长度（填充 / 截断）</translation>
    </message>
    <message>
        <source>1024 frames (10.24 s)</source>
        <translation>1024 帧（10.24 秒）</translation>
    </message>
    <message>
        <source>512 frames (5.12 s)</source>
        <translation>512 帧（5.12 秒）</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Save the view as PNG or PDF</source>
        <translation>将视图保存为 PNG 或 PDF</translation>
    </message>
    <message>
        <source>Input:</source>
        <translation>输入：</translation>
    </message>
    <message>
        <source>Colours:</source>
        <translation>配色：</translation>
    </message>
    <message>
        <source>Select a clip in the dataset browser, or drop a media file on the window.</source>
        <translation>请在数据集浏览器中选择一个片段，或将媒体文件拖放到窗口上。</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Cannot load the audio: %1</source>
        <translation>无法加载音频：%1</translation>
    </message>
    <message>
        <source>%1 frames (%2 from the clip), %3 segments, %4 masked (%5 of %6 audio tokens).</source>
        <translation>%1 帧（其中 %2 帧来自片段），%3 个片段，%4 个被遮蔽（%6 个音频 token 中的 %5 个）。</translation>
    </message>
    <message>
        <source>Export segment view</source>
        <translation>导出片段视图</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>avt::widgets::SegmentPlot</name>
    <message>
        <source>Normalised log-mel</source>
        <translation>归一化 log-mel</translation>
    </message>
    <message>
        <source>Mel bin</source>
        <translation>Mel 频带</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>活动度</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
</context>
<context>
    <name>avt::widgets::SummaryTab</name>
    <message>
        <source>At the end</source>
        <translation>训练结束时</translation>
    </message>
    <message>
        <source>At step</source>
        <translation>指定步数</translation>
    </message>
    <message>
        <source>At the best value of</source>
        <translation>以下指标最佳时</translation>
    </message>
    <message>
        <source>Save the table as CSV, LaTeX or Markdown</source>
        <translation>将表格保存为 CSV、LaTeX 或 Markdown</translation>
    </message>
    <message>
        <source>Values:</source>
        <translation>取值：</translation>
    </message>
    <message>
        <source>Tick runs in the runs table to summarise them.</source>
        <translation>请在运行表中勾选运行以生成汇总。</translation>
    </message>
    <message>
        <source>Choose the metric whose best value picks the step.</source>
        <translation>请选择一个指标，以其最佳值所在的步为准。</translation>
    </message>
    <message>
        <source>Reading the values…</source>
        <translation>正在读取数值…</translation>
    </message>
    <message>
        <source>Cannot summarise the runs: %1</source>
        <translation>无法汇总运行：%1</translation>
    </message>
    <message>
        <source>Metrics at the end of each run.</source>
        <translation>各运行结束时的指标。</translation>
    </message>
</context>
<context>
    <name>avt::widgets::TableTab</name>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
</context>
<context>
    <name>avt::widgets::TaskStatus</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>%1 (+%2 more)</source>
        <translation>%1（另有 %2 个）</translation>
    </message>
</context>
<context>
    <name>avt::widgets::TrainingView</name>
    <message>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Kill</source>
        <translation>强制终止</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Duplicate with Changes…</source>
        <translation>修改后复制…</translation>
    </message>
    <message>
        <source>Pause queue</source>
        <translation>暂停队列</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>运行位置</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Slots: </source>
        <translation>并发数： </translation>
    </message>
    <message>
        <source>How many runs of the queue may go at once</source>
        <translation>队列中最多可同时运行的运行数</translation>
    </message>
    <message>
        <source>Stop gracefully: the run saves a checkpoint, then exits (resume continues from it)</source>
        <translation>正常停止：运行先保存一个检查点再退出（恢复时从该检查点继续）</translation>
    </message>
    <message>
        <source>Kill the run&apos;s processes at once (no checkpoint; resume starts from the last one)</source>
        <translation>立即终止该运行的进程（不保存检查点；恢复时从最后一个检查点开始）</translation>
    </message>
    <message>
        <source>Queue the run again to continue from its last checkpoint</source>
        <translation>将该运行重新加入队列，从其最后一个检查点继续</translation>
    </message>
    <message>
        <source>Open the launcher with this run&apos;s config to change and queue it as a new run</source>
        <translation>用此运行的配置打开启动器，修改后作为新运行加入队列</translation>
    </message>
    <message>
        <source>GPU %1</source>
        <translation>GPU %1</translation>
    </message>
    <message numerus="yes">
        <source>any %n free GPU(s)</source>
        <translation>
            <numerusform>任意 %n 个空闲 GPU</numerusform>
        </translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message numerus="yes">
        <source>, %n rank(s)</source>
        <translation>
            <numerusform>，%n 个进程</numerusform>
        </translation>
    </message>
    <message>
        <source>, resume</source>
        <translation>，恢复</translation>
    </message>
    <message>
        <source>%1 running, %2 waiting%3</source>
        <translation>%1 个运行中，%2 个等待中%3</translation>
    </message>
    <message>
        <source>; no GPU found, runs use the CPU</source>
        <translation>；未找到 GPU，运行使用 CPU</translation>
    </message>
    <message numerus="yes">
        <source>; %n GPU(s)</source>
        <translation>
            <numerusform>；%n 个 GPU</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>avt::widgets::Translations</name>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
</context>
</TS>

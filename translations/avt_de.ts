<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>QObject</name>
    <message>
        <source>%1: no workspace here</source>
        <translation>%1: hier ist kein Arbeitsbereich</translation>
    </message>
    <message numerus="yes">
        <source>mean of %n run(s)</source>
        <translation>
            <numerusform>Mittelwert über %n Lauf</numerusform>
            <numerusform>Mittelwert über %n Läufe</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: name the file .csv, .tex or .md</source>
        <translation>%1: Geben Sie der Datei die Endung .csv, .tex oder .md</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
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
        <translation>Tabelle exportieren</translation>
    </message>
</context>
<context>
    <name>avt::widgets::AboutDialog</name>
    <message>
        <source>AVT Workbench</source>
        <translation>AVT Workbench</translation>
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
        <translation>verfügbar</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>nicht verfügbar</translation>
    </message>
    <message>
        <source>FFmpeg</source>
        <translation>FFmpeg</translation>
    </message>
    <message>
        <source>%1 (libavformat %2)</source>
        <translation>%1 (libavformat %2)</translation>
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
        <translation>Über AVT Workbench</translation>
    </message>
    <message>
        <source>&lt;h3&gt;AVT Workbench&lt;/h3&gt;&lt;p&gt;A research workbench for audio-visual transformers: datasets, audio activity segments, training runs and their results.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;AVT Workbench&lt;/h3&gt;&lt;p&gt;Eine Forschungsumgebung für audiovisuelle Transformer: Datensätze, Audio-Aktivitätssegmente, Trainingsläufe und ihre Ergebnisse.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Free software under the GNU General Public License, version 3 or later (see the LICENSE file); it links QCustomPlot (GPL-3), Qt and FFmpeg (LGPL), LibTorch (BSD) and OpenCV (Apache-2.0). It comes with absolutely no warranty.</source>
        <translation>Freie Software unter der GNU General Public License, Version 3 oder später (siehe die Datei LICENSE); sie bindet QCustomPlot (GPL-3), Qt und FFmpeg (LGPL), LibTorch (BSD) und OpenCV (Apache-2.0) ein. Sie kommt ohne jede Gewährleistung.</translation>
    </message>
    <message>
        <source>&amp;Copy versions</source>
        <translation>Versionen &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Licence…</source>
        <translation>&amp;Lizenz …</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
</context>
<context>
    <name>avt::widgets::Background</name>
    <message>
        <source>A background task failed</source>
        <translation>Eine Hintergrundaufgabe ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>an unknown error</source>
        <translation>ein unbekannter Fehler</translation>
    </message>
</context>
<context>
    <name>avt::widgets::BatchJob</name>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>%1 crashed</source>
        <translation>%1 ist abgestürzt</translation>
    </message>
    <message>
        <source>%1 exited with status %2</source>
        <translation>%1 endete mit Status %2</translation>
    </message>
    <message>
        <source>Cannot start %1: %2</source>
        <translation>%1 kann nicht gestartet werden: %2</translation>
    </message>
</context>
<context>
    <name>avt::widgets::CamClassTable</name>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Scores of the first run&apos;s main head; pick a class to explain it</source>
        <translation>Scores des Hauptkopfs des ersten Laufs; wählen Sie eine Klasse, um sie zu erklären</translation>
    </message>
</context>
<context>
    <name>avt::widgets::CamLayerPicker</name>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>Ausgabeform</translation>
    </message>
    <message>
        <source>Map grid</source>
        <translation>Kartenraster</translation>
    </message>
    <message>
        <source>Default layers</source>
        <translation>Standardschichten</translation>
    </message>
    <message>
        <source> (default)</source>
        <translation> (Standard)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Video&lt;/b&gt; %1%2</source>
        <translation>&lt;b&gt;Video&lt;/b&gt; %1%2</translation>
    </message>
    <message>
        <source> — default: %1</source>
        <translation> — Standard: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Audio&lt;/b&gt; %1%2</source>
        <translation>&lt;b&gt;Audio&lt;/b&gt; %1%2</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;i&gt;Double-click a layer to use it.&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;Doppelklicken Sie auf eine Schicht, um sie zu verwenden.&lt;/i&gt;</translation>
    </message>
</context>
<context>
    <name>avt::widgets::CamRow</name>
    <message>
        <source>No map</source>
        <translation>Keine Karte</translation>
    </message>
    <message>
        <source> · predicted &lt;b&gt;%1&lt;/b&gt; (%2%)</source>
        <translation> · Vorhersage &lt;b&gt;%1&lt;/b&gt; (%2%)</translation>
    </message>
    <message>
        <source> · map of %1 (%2 head, logit %3)</source>
        <translation> · Karte für %1 (Kopf %2, Logit %3)</translation>
    </message>
    <message>
        <source> · pointing %1 (map in box %2%, box %3% of frame)</source>
        <translation> · Pointing %1 (Karte in der Box %2%, Box %3% des Frames)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Top 5&lt;/b&gt;</source>
        <translation>&lt;b&gt;Top 5&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;i&gt;truth: %1&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;wahre Klasse: %1&lt;/i&gt;</translation>
    </message>
    <message>
        <source>layer %1 gets no gradient from this score: the video map is empty</source>
        <translation>Schicht %1 erhält von diesem Score keinen Gradienten: die Videokarte ist leer</translation>
    </message>
    <message>
        <source>layer %1 gets no gradient from this score: the audio map is empty</source>
        <translation>Schicht %1 erhält von diesem Score keinen Gradienten: die Audiokarte ist leer</translation>
    </message>
    <message>
        <source>&lt;b&gt;Difference&lt;/b&gt; %1 − %2 · red: %1 looks more, blue: %2 looks more</source>
        <translation>&lt;b&gt;Differenz&lt;/b&gt; %1 − %2 · rot: %1 schaut stärker hin, blau: %2 schaut stärker hin</translation>
    </message>
    <message>
        <source>No video in this model</source>
        <translation>Dieses Modell hat kein Video</translation>
    </message>
    <message>
        <source>The maps differ in size</source>
        <translation>Die Karten sind unterschiedlich groß</translation>
    </message>
</context>
<context>
    <name>avt::widgets::CamRunList</name>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <source>%1, status %2, dataset %3</source>
        <translation>%1, Status %2, Datensatz %3</translation>
    </message>
    <message>
        <source>no checkpoint</source>
        <translation>kein Checkpoint</translation>
    </message>
    <message>
        <source>%1 has no checkpoint yet (status %2)</source>
        <translation>%1 hat noch keinen Checkpoint (Status %2)</translation>
    </message>
    <message>
        <source>%1 has no checkpoint yet: nothing to explain</source>
        <translation>%1 hat noch keinen Checkpoint: nichts zu erklären</translation>
    </message>
    <message>
        <source>At most four runs side by side</source>
        <translation>Höchstens vier Läufe nebeneinander</translation>
    </message>
</context>
<context>
    <name>avt::widgets::CamViewer</name>
    <message>
        <source>One colour scale for all runs</source>
        <translation>Eine Farbskala für alle Läufe</translation>
    </message>
    <message>
        <source>Show the difference of the first two runs</source>
        <translation>Differenz der ersten beiden Läufe zeigen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
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
        <translation>pro Zeitscheibe</translation>
    </message>
    <message>
        <source>per clip</source>
        <translation>pro Clip</translation>
    </message>
    <message>
        <source>main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>the prediction</source>
        <translation>die Vorhersage</translation>
    </message>
    <message>
        <source>the ground truth</source>
        <translation>die wahre Klasse</translation>
    </message>
    <message>
        <source>the k-th best class</source>
        <translation>die k-beste Klasse</translation>
    </message>
    <message>
        <source>the class picked below</source>
        <translation>die unten gewählte Klasse</translation>
    </message>
    <message>
        <source>k = </source>
        <translation>k = </translation>
    </message>
    <message>
        <source>Off: each map is divided by its own maximum. On: maps keep their size relative to the largest map shown (before normalising), so a weaker map looks weaker.</source>
        <translation>Aus: Jede Karte wird durch ihr eigenes Maximum geteilt. An: Die Karten behalten ihre Größe relativ zur größten angezeigten Karte (vor dem Normieren), sodass eine schwächere Karte schwächer aussieht.</translation>
    </message>
    <message>
        <source>Runs (up to four)</source>
        <translation>Läufe (bis zu vier)</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Karte</translation>
    </message>
    <message>
        <source>&amp;Method:</source>
        <translation>&amp;Methode:</translation>
    </message>
    <message>
        <source>&amp;Weighting:</source>
        <translation>&amp;Gewichtung:</translation>
    </message>
    <message>
        <source>&amp;Head:</source>
        <translation>&amp;Kopf:</translation>
    </message>
    <message>
        <source>Explain:</source>
        <translation>Erklären:</translation>
    </message>
    <message>
        <source>Display</source>
        <translation>Anzeige</translation>
    </message>
    <message>
        <source>&amp;Colours:</source>
        <translation>&amp;Farben:</translation>
    </message>
    <message>
        <source>&amp;Opacity:</source>
        <translation>&amp;Deckkraft:</translation>
    </message>
    <message>
        <source>Export View…</source>
        <translation>Ansicht exportieren …</translation>
    </message>
    <message>
        <source>Export Files…</source>
        <translation>Dateien exportieren …</translation>
    </message>
    <message>
        <source>What is on screen as PNG or PDF</source>
        <translation>Das Angezeigte als PNG oder PDF</translation>
    </message>
    <message>
        <source>Overlays, strip, MP4, maps as .npy and JSON, as the gradcam verb writes them</source>
        <translation>Overlays, Filmstreifen, MP4, Karten als .npy und JSON, wie sie das Verb gradcam schreibt</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Abspielen</translation>
    </message>
    <message>
        <source>Play the frames (Space)</source>
        <translation>Frames abspielen (Leertaste)</translation>
    </message>
    <message>
        <source>Previous frame (Left)</source>
        <translation>Vorheriger Frame (Pfeil links)</translation>
    </message>
    <message>
        <source>Next frame (Right)</source>
        <translation>Nächster Frame (Pfeil rechts)</translation>
    </message>
    <message>
        <source>Cannot list the runs: %1</source>
        <translation>Läufe können nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>frame %1 / %2 · %3 s</source>
        <translation>Frame %1 / %2 · %3 s</translation>
    </message>
    <message>
        <source>Pick a clip in the dataset browser</source>
        <translation>Wählen Sie einen Clip im Datensatz-Browser</translation>
    </message>
    <message>
        <source>Waiting…</source>
        <translation>Warten …</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen …</translation>
    </message>
    <message>
        <source>%1 and %2 have maps of different sizes: no difference to show</source>
        <translation>Die Karten von %1 und %2 sind unterschiedlich groß: keine Differenz darstellbar</translation>
    </message>
    <message>
        <source>main (verb)</source>
        <translation>Haupt (Verb)</translation>
    </message>
    <message>
        <source>Open a workspace with trained runs</source>
        <translation>Öffnen Sie einen Arbeitsbereich mit trainierten Läufen</translation>
    </message>
    <message>
        <source>This workspace has no runs yet: train one (avt-workbench --batch train) to explain it</source>
        <translation>Dieser Arbeitsbereich hat noch keine Läufe: Trainieren Sie einen (avt-workbench --batch train), um ihn zu erklären</translation>
    </message>
    <message>
        <source>Tick one to four runs</source>
        <translation>Markieren Sie ein bis vier Läufe</translation>
    </message>
    <message>
        <source>Computing maps of %1 runs on %2…</source>
        <translation>Karten von %1 Läufen für %2 werden berechnet …</translation>
    </message>
    <message>
        <source>%1: %2 runs shown (%3 from the cache, %4 computed in %5 s)</source>
        <translation>%1: %2 Läufe angezeigt (%3 aus dem Cache, %4 in %5 s berechnet)</translation>
    </message>
    <message>
        <source>; %1</source>
        <translation>; %1</translation>
    </message>
    <message>
        <source>Grad-CAM maps</source>
        <translation>Grad-CAM-Karten</translation>
    </message>
    <message>
        <source>Nothing to export yet</source>
        <translation>Noch nichts zu exportieren</translation>
    </message>
    <message>
        <source>Exporting Grad-CAM files</source>
        <translation>Grad-CAM-Dateien werden exportiert</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Nach %1 exportiert</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Export Grad-CAM View</source>
        <translation>Grad-CAM-Ansicht exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>PNG-Bild (*.png);;PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>Export Grad-CAM Files To</source>
        <translation>Grad-CAM-Dateien exportieren nach</translation>
    </message>
</context>
<context>
    <name>avt::widgets::ClassHistogram</name>
    <message>
        <source>Clips</source>
        <translation>Clips</translation>
    </message>
</context>
<context>
    <name>avt::widgets::ClipCachePanel</name>
    <message>
        <source>Clip cache</source>
        <translation>Clip-Cache</translation>
    </message>
    <message>
        <source>Prepare Clip Cache</source>
        <translation>Clip-Cache vorbereiten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Decode the dataset&apos;s clips once, with the first run&apos;s settings, into a cache that training reads instead of decoding every epoch</source>
        <translation>Die Clips des Datensatzes einmal mit den Einstellungen des ersten Laufs in einen Cache dekodieren, den das Training liest, statt in jeder Epoche zu dekodieren</translation>
    </message>
    <message>
        <source>Stop after the current clip; Prepare again continues where it stopped</source>
        <translation>Nach dem aktuellen Clip anhalten; erneutes Vorbereiten setzt dort fort, wo es angehalten hat</translation>
    </message>
    <message>
        <source>Open a workspace to see its clip caches.</source>
        <translation>Öffnen Sie einen Arbeitsbereich, um seine Clip-Caches zu sehen.</translation>
    </message>
    <message>
        <source>Plan a valid run to see its clip cache.</source>
        <translation>Planen Sie einen gültigen Lauf, um seinen Clip-Cache zu sehen.</translation>
    </message>
    <message>
        <source>Reading the clip caches…</source>
        <translation>Clip-Caches werden gelesen…</translation>
    </message>
    <message>
        <source>Cannot tell: %1</source>
        <translation>Nicht feststellbar: %1</translation>
    </message>
    <message>
        <source>data.prepared is off: these runs decode every clip, prepared or not.</source>
        <translation>data.prepared ist aus: diese Läufe dekodieren jeden Clip, ob vorbereitet oder nicht.</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <source>Training and evaluation</source>
        <translation>Training und Evaluation</translation>
    </message>
    <message>
        <source>%1: prepared, %2 windows, %3, read instead of decoded.</source>
        <translation>%1: vorbereitet, %2 Fenster, %3, wird gelesen statt dekodiert.</translation>
    </message>
    <message>
        <source>%1: %2 of %3 windows written (stopped, or being written): Prepare continues it; until it is complete, runs decode.</source>
        <translation>%1: %2 von %3 Fenstern geschrieben (angehalten oder wird geschrieben): Vorbereiten setzt fort; bis er vollständig ist, dekodieren Läufe.</translation>
    </message>
    <message>
        <source>%1: the cache is damaged (%2): Prepare rebuilds it; until then, runs decode.</source>
        <translation>%1: der Cache ist beschädigt (%2): Vorbereiten baut ihn neu auf; bis dahin dekodieren Läufe.</translation>
    </message>
    <message>
        <source>%1: none for these settings (the dataset&apos;s cache differs: %2): runs decode every clip.</source>
        <translation>%1: keiner für diese Einstellungen (der Cache des Datensatzes weicht ab: %2): Läufe dekodieren jeden Clip.</translation>
    </message>
    <message>
        <source>%1: none for these settings: runs decode every clip.</source>
        <translation>%1: keiner für diese Einstellungen: Läufe dekodieren jeden Clip.</translation>
    </message>
    <message>
        <source>Preparing the clip cache of %1…</source>
        <translation>Clip-Cache von %1 wird vorbereitet…</translation>
    </message>
    <message>
        <source>Stopping after the current clip…</source>
        <translation>Halte nach dem aktuellen Clip an…</translation>
    </message>
    <message>
        <source>Preparing the clip cache of %1: %2</source>
        <translation>Clip-Cache von %1 wird vorbereitet: %2</translation>
    </message>
    <message>
        <source>Prepared: %1</source>
        <translation>Vorbereitet: %1</translation>
    </message>
    <message>
        <source>Stopped; Prepare again continues where it stopped.</source>
        <translation>Angehalten; erneutes Vorbereiten setzt dort fort, wo es angehalten hat.</translation>
    </message>
    <message>
        <source>Preparing failed: %1</source>
        <translation>Vorbereiten fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Prepared (the verb&apos;s summary is in the tooltip).</source>
        <translation>Vorbereitet (die Zusammenfassung steht im Tooltip).</translation>
    </message>
    <message>
        <source>The runs read the cluster&apos;s workspace: prepare its cache there with
%1</source>
        <translation>Die Läufe lesen den Arbeitsbereich des Clusters: bereiten Sie dessen Cache dort vor mit
%1</translation>
    </message>
</context>
<context>
    <name>avt::widgets::ClipPreview</name>
    <message>
        <source>Play / pause (Space)</source>
        <translation>Abspielen / Pause (Leertaste)</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>Zeit (s)</translation>
    </message>
    <message>
        <source>Mel bin</source>
        <translation>Mel-Band</translation>
    </message>
    <message>
        <source>Select a clip</source>
        <translation>Wählen Sie einen Clip</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 wird geladen …</translation>
    </message>
    <message>
        <source>Cannot preview this clip:
%1</source>
        <translation>Vorschau dieses Clips nicht möglich:
%1</translation>
    </message>
    <message>
        <source>No video in this clip</source>
        <translation>Dieser Clip enthält kein Video</translation>
    </message>
    <message>
        <source>%1 / %2 s</source>
        <translation>%1 / %2 s</translation>
    </message>
</context>
<context>
    <name>avt::widgets::ClipTableModel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 Hz</source>
        <translation>%1 Hz</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Thumbnail</source>
        <translation>Vorschaubild</translation>
    </message>
    <message>
        <source>Clip</source>
        <translation>Clip</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Teilmenge</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Audio rate</source>
        <translation>Abtastrate</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
</context>
<context>
    <name>avt::widgets::ColourMaps</name>
    <message>
        <source>Thermal</source>
        <translation>Thermisch</translation>
    </message>
    <message>
        <source>Grayscale</source>
        <translation>Graustufen</translation>
    </message>
    <message>
        <source>Hot</source>
        <translation>Glut</translation>
    </message>
    <message>
        <source>Cold</source>
        <translation>Kalt</translation>
    </message>
    <message>
        <source>Night</source>
        <translation>Nacht</translation>
    </message>
    <message>
        <source>Ion</source>
        <translation>Ion</translation>
    </message>
    <message>
        <source>Jet</source>
        <translation>Jet</translation>
    </message>
    <message>
        <source>Polar</source>
        <translation>Polar</translation>
    </message>
</context>
<context>
    <name>avt::widgets::CompareView</name>
    <message>
        <source>Regex</source>
        <translation>Regex</translation>
    </message>
    <message>
        <source>Tick runs to plot and compare them; click a header to sort</source>
        <translation>Markieren Sie Läufe, um sie darzustellen und zu vergleichen; klicken Sie auf eine Spaltenüberschrift, um zu sortieren</translation>
    </message>
    <message>
        <source>Group:</source>
        <translation>Gruppierung:</translation>
    </message>
    <message>
        <source>Colour:</source>
        <translation>Farbe:</translation>
    </message>
    <message>
        <source>Filter: words of the name, key=value of the config</source>
        <translation>Filter: Wörter des Namens, Schlüssel=Wert der Konfiguration</translation>
    </message>
    <message>
        <source>Words must all match: a word with &apos;=&apos; matches a config entry (mode=avt), other words the run name. With Regex: a regular expression on the name or a key=value line of the config.</source>
        <translation>Alle Wörter müssen passen: Ein Wort mit „=“ passt auf einen Konfigurationseintrag (mode=avt), andere Wörter auf den Laufnamen. Mit Regex: ein regulärer Ausdruck auf den Namen oder eine Zeile Schlüssel=Wert der Konfiguration.</translation>
    </message>
    <message>
        <source>Read the filter as a regular expression</source>
        <translation>Den Filter als regulären Ausdruck lesen</translation>
    </message>
    <message>
        <source>Collapse runs into groups: seeds of one configuration, or runs sharing a config value</source>
        <translation>Läufe zu Gruppen zusammenfassen: die Seeds einer Konfiguration oder Läufe mit gleichem Konfigurationswert</translation>
    </message>
    <message>
        <source>Colour runs by their name, or runs with the same config value alike</source>
        <translation>Läufe nach ihrem Namen einfärben oder Läufe mit gleichem Konfigurationswert gleich</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>Endwert</translation>
    </message>
    <message>
        <source>Best</source>
        <translation>Bestwert</translation>
    </message>
    <message>
        <source>At step</source>
        <translation>Bei Schritt</translation>
    </message>
    <message>
        <source>Metric values: the last recorded, the best, or the last at or before a step</source>
        <translation>Metrikwerte: der zuletzt aufgezeichnete, der beste oder der letzte bei oder vor einem Schritt</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>Choose the config keys and metrics shown</source>
        <translation>Die angezeigten Konfigurationsschlüssel und Metriken wählen</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <source>Save the runs table as shown as CSV, LaTeX or Markdown</source>
        <translation>Die Lauftabelle wie angezeigt als CSV, LaTeX oder Markdown speichern</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>Kurven</translation>
    </message>
    <message>
        <source>Config Diff</source>
        <translation>Konfigurationsvergleich</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <source>Table 4</source>
        <translation>Tabelle 4</translation>
    </message>
    <message>
        <source>Curves of the ticked runs (groups as mean and band)</source>
        <translation>Kurven der markierten Läufe (Gruppen als Mittelwert mit Band)</translation>
    </message>
    <message>
        <source>The ticked runs&apos; configs side by side</source>
        <translation>Die Konfigurationen der markierten Läufe nebeneinander</translation>
    </message>
    <message>
        <source>The ticked runs&apos; metrics at a chosen point</source>
        <translation>Die Metriken der markierten Läufe an einem gewählten Punkt</translation>
    </message>
    <message>
        <source>Per-class accuracy, confusion matrix and multi-view re-scoring</source>
        <translation>Genauigkeit pro Klasse, Konfusionsmatrix und Neubewertung mit mehreren Ansichten</translation>
    </message>
    <message>
        <source>The paper&apos;s Table 4 from a ladder of runs</source>
        <translation>Tabelle 4 des Papers aus einer Leiter von Läufen</translation>
    </message>
    <message>
        <source>Reading the runs</source>
        <translation>Läufe werden gelesen</translation>
    </message>
    <message>
        <source>%1: no workspace here</source>
        <translation>%1: hier ist kein Arbeitsbereich</translation>
    </message>
    <message>
        <source>Cannot read the runs: %1</source>
        <translation>Die Läufe können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <source>All datasets</source>
        <translation>Alle Datensätze</translation>
    </message>
    <message>
        <source>No grouping</source>
        <translation>Keine Gruppierung</translation>
    </message>
    <message>
        <source>Seeds</source>
        <translation>Seeds</translation>
    </message>
    <message>
        <source>Runs that differ only in run.seed form one row (mean ± std)</source>
        <translation>Läufe, die sich nur in run.seed unterscheiden, bilden eine Zeile (Mittelwert ± Std.-Abw.)</translation>
    </message>
    <message>
        <source>By name</source>
        <translation>Nach Name</translation>
    </message>
    <message>
        <source>Reading values at step %1</source>
        <translation>Werte bei Schritt %1 werden gelesen</translation>
    </message>
    <message>
        <source>Cannot read the values: %1</source>
        <translation>Die Werte können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>No runs</source>
        <translation>Keine Läufe</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>Metriken</translation>
    </message>
    <message>
        <source>Config keys</source>
        <translation>Konfigurationsschlüssel</translation>
    </message>
    <message>
        <source>Keys that differ among the ticked runs</source>
        <translation>Schlüssel, die sich zwischen den markierten Läufen unterscheiden</translation>
    </message>
    <message>
        <source>More keys</source>
        <translation>Weitere Schlüssel</translation>
    </message>
    <message>
        <source>Not a regular expression: %1</source>
        <translation>Kein gültiger regulärer Ausdruck: %1</translation>
    </message>
    <message>
        <source>Reading the runs…</source>
        <translation>Läufe werden gelesen …</translation>
    </message>
    <message>
        <source>No workspace open.</source>
        <translation>Kein Arbeitsbereich geöffnet.</translation>
    </message>
    <message>
        <source>No runs in this workspace yet: train one (avt-workbench --batch train or ablate).</source>
        <translation>Noch keine Läufe in diesem Arbeitsbereich: Trainieren Sie einen (avt-workbench --batch train oder ablate).</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n run(s) shown, %2 ticked</source>
        <translation>
            <numerusform>%1 von %n Lauf angezeigt, %2 markiert</numerusform>
            <numerusform>%1 von %n Läufen angezeigt, %2 markiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n group(s)</source>
        <translation>
            <numerusform>%n Gruppe</numerusform>
            <numerusform>%n Gruppen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>avt::widgets::ConfigDiffTab</name>
    <message>
        <source>Differences only</source>
        <translation>Nur Unterschiede</translation>
    </message>
    <message>
        <source>Show only the config keys whose values differ between the ticked runs</source>
        <translation>Nur die Konfigurationsschlüssel zeigen, deren Werte sich zwischen den markierten Läufen unterscheiden</translation>
    </message>
    <message>
        <source>Tick runs in the runs table to compare their configs.</source>
        <translation>Markieren Sie Läufe in der Lauftabelle, um ihre Konfigurationen zu vergleichen.</translation>
    </message>
    <message>
        <source>Tick a second run to see what differs.</source>
        <translation>Markieren Sie einen zweiten Lauf, um die Unterschiede zu sehen.</translation>
    </message>
    <message numerus="yes">
        <source>The configs of the %n ticked run(s) are the same.</source>
        <translation>
            <numerusform>Die Konfiguration des %n markierten Laufs ist gleich.</numerusform>
            <numerusform>Die Konfigurationen der %n markierten Läufe sind gleich.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s) differ</source>
        <translation>
            <numerusform>%n Schlüssel unterscheidet sich</numerusform>
            <numerusform>%n Schlüssel unterscheiden sich</numerusform>
        </translation>
    </message>
    <message>
        <source>(showing the first %1 of %2 ticked runs)</source>
        <translation>(die ersten %1 von %2 markierten Läufen werden gezeigt)</translation>
    </message>
    <message>
        <source>(absent)</source>
        <translation>(fehlt)</translation>
    </message>
</context>
<context>
    <name>avt::widgets::ConfigForm</name>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Losses</source>
        <translation>Verluste</translation>
    </message>
    <message>
        <source>Masking</source>
        <translation>Maskierung</translation>
    </message>
    <message>
        <source>Optimisation</source>
        <translation>Optimierung</translation>
    </message>
    <message>
        <source>Distribution</source>
        <translation>Verteiltes Training</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <source>Fusion</source>
        <translation>Fusion</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>Kopf</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Segment detector</source>
        <translation>Segment-Detektor</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>%1
%2</source>
        <translation>%1
%2</translation>
    </message>
    <message>
        <source>named architecture; choosing one fills the model fields below</source>
        <translation>benannte Architektur; eine Auswahl füllt die Modellfelder unten aus</translation>
    </message>
    <message>
        <source>%1
architecture key</source>
        <translation>%1
Architekturschlüssel</translation>
    </message>
    <message>
        <source>Allowed: %1 … %2</source>
        <translation>Zulässig: %1 … %2</translation>
    </message>
    <message>
        <source>Default: %1</source>
        <translation>Standard: %1</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>segment detector key</source>
        <translation>Schlüssel des Segment-Detektors</translation>
    </message>
    <message>
        <source>%1
%2
Allowed: %3 … %4</source>
        <translation>%1
%2
Zulässig: %3 … %4</translation>
    </message>
    <message>
        <source>…</source>
        <translation>…</translation>
    </message>
    <message>
        <source>Choose a weights file</source>
        <translation>Gewichtsdatei wählen</translation>
    </message>
    <message>
        <source>Starting weights</source>
        <translation>Startgewichte</translation>
    </message>
    <message>
        <source>Weights (*.pt *.safetensors *.npz);;All files (*)</source>
        <translation>Gewichte (*.pt *.safetensors *.npz);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>avt::widgets::CurvePlot</name>
    <message>
        <source>The metric drawn</source>
        <translation>Die dargestellte Metrik</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>Wanduhrzeit</translation>
    </message>
    <message>
        <source>Relative time</source>
        <translation>Relative Zeit</translation>
    </message>
    <message>
        <source>Relative time: seconds since each run&apos;s first point</source>
        <translation>Relative Zeit: Sekunden seit dem ersten Punkt jedes Laufs</translation>
    </message>
    <message>
        <source>Log x</source>
        <translation>x logarithmisch</translation>
    </message>
    <message>
        <source>Log y</source>
        <translation>y logarithmisch</translation>
    </message>
    <message>
        <source>Values at or below zero are not drawn on a log axis</source>
        <translation>Werte kleiner oder gleich null werden auf einer logarithmischen Achse nicht gezeichnet</translation>
    </message>
    <message>
        <source>Exponential moving average as TensorBoard smooths (0: off)</source>
        <translation>Exponentieller gleitender Durchschnitt wie die Glättung in TensorBoard (0: aus)</translation>
    </message>
    <message>
        <source>± std</source>
        <translation>± Std.-Abw.</translation>
    </message>
    <message>
        <source>min–max</source>
        <translation>Min–Max</translation>
    </message>
    <message>
        <source>95% CI</source>
        <translation>95-%-KI</translation>
    </message>
    <message>
        <source>The band around each group&apos;s mean</source>
        <translation>Das Band um den Mittelwert jeder Gruppe</translation>
    </message>
    <message>
        <source>Reset view</source>
        <translation>Ansicht zurücksetzen</translation>
    </message>
    <message>
        <source>Export image…</source>
        <translation>Bild exportieren …</translation>
    </message>
    <message>
        <source>Save the plot as PNG, SVG or PDF</source>
        <translation>Das Diagramm als PNG, SVG oder PDF speichern</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren …</translation>
    </message>
    <message>
        <source>Save the plotted data at full resolution, raw and smoothed</source>
        <translation>Die dargestellten Daten in voller Auflösung speichern, roh und geglättet</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Metrik</translation>
    </message>
    <message>
        <source>X axis</source>
        <translation>x-Achse</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>Glättung</translation>
    </message>
    <message>
        <source>Band</source>
        <translation>Band</translation>
    </message>
    <message>
        <source>Loading curves…</source>
        <translation>Kurven werden geladen …</translation>
    </message>
    <message>
        <source>Cannot load every curve: %1</source>
        <translation>Nicht alle Kurven können geladen werden: %1</translation>
    </message>
    <message>
        <source>Wall time (s)</source>
        <translation>Wanduhrzeit (s)</translation>
    </message>
    <message>
        <source>Time since the first point (s)</source>
        <translation>Zeit seit dem ersten Punkt (s)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG-Bild (*.png);;SVG-Bild (*.svg);;PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <source>Export plotted data</source>
        <translation>Dargestellte Daten exportieren</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV-Datei (*.csv)</translation>
    </message>
</context>
<context>
    <name>avt::widgets::DatasetBrowser</name>
    <message>
        <source>&amp;Dataset:</source>
        <translation>&amp;Datensatz:</translation>
    </message>
    <message>
        <source>Reading datasets</source>
        <translation>Datensätze werden gelesen</translation>
    </message>
    <message>
        <source>No datasets yet: File &gt; Import Dataset…</source>
        <translation>Noch keine Datensätze: Datei &gt; Datensatz importieren …</translation>
    </message>
    <message>
        <source>Loading clips of %1</source>
        <translation>Clips von %1 werden geladen</translation>
    </message>
    <message numerus="yes">
        <source>%n clip(s)</source>
        <translation>
            <numerusform>%n Clip</numerusform>
            <numerusform>%n Clips</numerusform>
        </translation>
    </message>
    <message>
        <source>Grad-CAM…</source>
        <translation>Grad-CAM …</translation>
    </message>
    <message>
        <source>Open the current clip in the Grad-CAM viewer</source>
        <translation>Aktuellen Clip im Grad-CAM-Viewer öffnen</translation>
    </message>
    <message>
        <source>Open in &amp;Grad-CAM Viewer</source>
        <translation>Im &amp;Grad-CAM-Viewer öffnen</translation>
    </message>
    <message>
        <source>Prepare Clip &amp;Cache…</source>
        <translation>Clip-&amp;Cache vorbereiten…</translation>
    </message>
    <message>
        <source>Prepare clip cache…</source>
        <translation>Clip-Cache vorbereiten…</translation>
    </message>
    <message>
        <source>Decode the shown dataset&apos;s clips once into a cache that training reads</source>
        <translation>Die Clips des angezeigten Datensatzes einmal in einen Cache dekodieren, den das Training liest</translation>
    </message>
    <message>
        <source>Preparing the clip cache of %1: %2</source>
        <translation>Clip-Cache von %1 wird vorbereitet: %2</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop after the current clip; a later run continues where this one stopped</source>
        <translation>Nach dem aktuellen Clip anhalten; ein späterer Lauf macht dort weiter</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Preparing the clip cache of %1</source>
        <translation>Clip-Cache von %1 wird vorbereitet</translation>
    </message>
    <message>
        <source>Stopping after the current clip…</source>
        <translation>Halte nach dem aktuellen Clip an…</translation>
    </message>
    <message>
        <source>Clip cache of %1 ready: %2</source>
        <translation>Clip-Cache von %1 fertig: %2</translation>
    </message>
    <message>
        <source>Clip cache of %1 stopped; Prepare again to continue where it stopped</source>
        <translation>Clip-Cache von %1 angehalten; erneut vorbereiten, um dort weiterzumachen</translation>
    </message>
    <message>
        <source>Preparing the clip cache of %1 failed: %2</source>
        <translation>Vorbereiten des Clip-Caches von %1 fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>avt::widgets::DetectorForm</name>
    <message>
        <source>Max. segments</source>
        <translation>Max. Segmente</translation>
    </message>
    <message>
        <source>Smoothing window</source>
        <translation>Glättungsfenster</translation>
    </message>
    <message>
        <source>Smoothing order</source>
        <translation>Glättungsordnung</translation>
    </message>
    <message>
        <source>Activity window</source>
        <translation>Aktivitätsfenster</translation>
    </message>
    <message>
        <source>Activity order</source>
        <translation>Aktivitätsordnung</translation>
    </message>
    <message>
        <source>Peak radius</source>
        <translation>Spitzenradius</translation>
    </message>
    <message>
        <source>Min. segment frames</source>
        <translation>Min. Segmentlänge (Frames)</translation>
    </message>
    <message>
        <source>Min. activity</source>
        <translation>Min. Aktivität</translation>
    </message>
    <message>
        <source>Relative threshold</source>
        <translation>Relative Schwelle</translation>
    </message>
    <message>
        <source>%1 (%2 … %3)</source>
        <translation>%1 (%2 … %3)</translation>
    </message>
    <message>
        <source>Seed of the random choice of masked segments</source>
        <translation>Startwert der Zufallsauswahl maskierter Segmente</translation>
    </message>
    <message>
        <source>Share of the segments that are masked (the paper uses 4 %)</source>
        <translation>Anteil der maskierten Segmente (im Paper 4 %)</translation>
    </message>
    <message>
        <source>Mask seed</source>
        <translation>Masken-Startwert</translation>
    </message>
    <message>
        <source>Mask probability</source>
        <translation>Maskierungswahrscheinlichkeit</translation>
    </message>
    <message>
        <source>&amp;Defaults</source>
        <translation>&amp;Standardwerte</translation>
    </message>
</context>
<context>
    <name>avt::widgets::EvaluationTab</name>
    <message>
        <source>Normalised</source>
        <translation>Normiert</translation>
    </message>
    <message>
        <source>Export bars…</source>
        <translation>Balken exportieren …</translation>
    </message>
    <message>
        <source>Export matrix…</source>
        <translation>Matrix exportieren …</translation>
    </message>
    <message>
        <source>Verb head</source>
        <translation>Verb-Kopf</translation>
    </message>
    <message>
        <source>Noun head</source>
        <translation>Nomen-Kopf</translation>
    </message>
    <message>
        <source>Which head of a two-head (EPIC-KITCHENS) run the bars, the matrix and the re-scoring show</source>
        <translation>Welchen Kopf eines Laufs mit zwei Köpfen (EPIC-KITCHENS) die Balken, die Matrix und die Neubewertung zeigen</translation>
    </message>
    <message>
        <source>Matrix of run A</source>
        <translation>Matrix von Lauf A</translation>
    </message>
    <message>
        <source>Matrix of run B</source>
        <translation>Matrix von Lauf B</translation>
    </message>
    <message>
        <source>Each row divided by its clips (the share of a true class predicted as each class)</source>
        <translation>Jede Zeile durch ihre Clips geteilt (der Anteil einer wahren Klasse, der als die jeweilige Klasse vorhergesagt wird)</translation>
    </message>
    <message>
        <source>Accuracy (%)</source>
        <translation>Genauigkeit (%)</translation>
    </message>
    <message>
        <source>Predicted class</source>
        <translation>Vorhergesagte Klasse</translation>
    </message>
    <message>
        <source>True class</source>
        <translation>Wahre Klasse</translation>
    </message>
    <message>
        <source>Top-1 accuracy re-scored from the stored per-view logits, without running the model</source>
        <translation>Top-1-Genauigkeit, neu berechnet aus den gespeicherten Logits pro Ansicht, ohne das Modell auszuführen</translation>
    </message>
    <message>
        <source>Run A:</source>
        <translation>Lauf A:</translation>
    </message>
    <message>
        <source>Run B:</source>
        <translation>Lauf B:</translation>
    </message>
    <message>
        <source>Multi-view re-scoring (top-1)</source>
        <translation>Neubewertung mit mehreren Ansichten (Top-1)</translation>
    </message>
    <message>
        <source>Top-1 of the stored predictions, of the views&apos; softmax averaged again, of the first view alone and of each view alone (from the stored per-view logits)</source>
        <translation>Top-1 der gespeicherten Vorhersagen, des erneut gemittelten Softmax der Ansichten, der ersten Ansicht allein und jeder einzelnen Ansicht (aus den gespeicherten Logits pro Ansicht)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keiner)</translation>
    </message>
    <message>
        <source>Choose a run to see its evaluation.</source>
        <translation>Wählen Sie einen Lauf, um seine Evaluation zu sehen.</translation>
    </message>
    <message>
        <source>No runs in this workspace.</source>
        <translation>Keine Läufe in diesem Arbeitsbereich.</translation>
    </message>
    <message>
        <source>Reading the predictions…</source>
        <translation>Vorhersagen werden gelesen …</translation>
    </message>
    <message>
        <source>%1 has no stored predictions. Evaluate it (avt-workbench --batch eval --workspace WS --run %1), or let its training reach an evaluation.</source>
        <translation>%1 hat keine gespeicherten Vorhersagen. Evaluieren Sie den Lauf (avt-workbench --batch eval --workspace WS --run %1) oder lassen Sie sein Training bis zu einer Evaluation laufen.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1: verb top-1 %2, noun top-1 %3, action top-1 %4 on %n clip(s)</source>
        <translation>
            <numerusform>%1: Verb-Top-1 %2, Nomen-Top-1 %3, Aktions-Top-1 %4 auf %n Clip</numerusform>
            <numerusform>%1: Verb-Top-1 %2, Nomen-Top-1 %3, Aktions-Top-1 %4 auf %n Clips</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: top-1 %2 on %n clip(s)</source>
        <translation>
            <numerusform>%1: Top-1 %2 auf %n Clip</numerusform>
            <numerusform>%1: Top-1 %2 auf %n Clips</numerusform>
        </translation>
    </message>
    <message>
        <source>Share of the true class</source>
        <translation>Anteil der wahren Klasse</translation>
    </message>
    <message>
        <source>Clips</source>
        <translation>Clips</translation>
    </message>
    <message>
        <source>Stored (views averaged)</source>
        <translation>Gespeichert (Ansichten gemittelt)</translation>
    </message>
    <message>
        <source>Views averaged</source>
        <translation>Ansichten gemittelt</translation>
    </message>
    <message>
        <source>First view</source>
        <translation>Erste Ansicht</translation>
    </message>
    <message>
        <source>View %1</source>
        <translation>Ansicht %1</translation>
    </message>
    <message>
        <source>Views per clip</source>
        <translation>Ansichten pro Clip</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG-Bild (*.png);;SVG-Bild (*.svg);;PDF-Dokument (*.pdf)</translation>
    </message>
</context>
<context>
    <name>avt::widgets::FilterPanel</name>
    <message>
        <source>&amp;Label:</source>
        <translation>&amp;Label:</translation>
    </message>
    <message>
        <source>S&amp;plit:</source>
        <translation>&amp;Teilmenge:</translation>
    </message>
    <message>
        <source>P&amp;roblem:</source>
        <translation>P&amp;roblem:</translation>
    </message>
    <message>
        <source>Search paths…</source>
        <translation>Pfade durchsuchen …</translation>
    </message>
    <message>
        <source>Sea&amp;rch:</source>
        <translation>&amp;Suche:</translation>
    </message>
    <message>
        <source>no problems</source>
        <translation>keine Probleme</translation>
    </message>
    <message>
        <source>All (%1)</source>
        <translation>Alle (%1)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>avt::widgets::ImportDialog</name>
    <message>
        <source>Import Dataset</source>
        <translation>Datensatz importieren</translation>
    </message>
    <message>
        <source>&amp;Annotation file:</source>
        <translation>&amp;Annotationsdatei:</translation>
    </message>
    <message>
        <source>CSV (path, label, split)</source>
        <translation>CSV (Pfad, Label, Teilmenge)</translation>
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
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>Dataset &amp;name:</source>
        <translation>&amp;Name des Datensatzes:</translation>
    </message>
    <message>
        <source>the annotation file&apos;s folder</source>
        <translation>Ordner der Annotationsdatei</translation>
    </message>
    <message>
        <source>&amp;Media folder:</source>
        <translation>&amp;Medienordner:</translation>
    </message>
    <message>
        <source>the dataset&apos;s usual file names</source>
        <translation>die üblichen Dateinamen des Datensatzes</translation>
    </message>
    <message>
        <source>Placeholders: {id}, {start}, {end}, {start:06d}, {end:06d}; EPIC: {participant}, {video}</source>
        <translation>Platzhalter: {id}, {start}, {end}, {start:06d}, {end:06d}; EPIC: {participant}, {video}</translation>
    </message>
    <message>
        <source>File name &amp;pattern:</source>
        <translation>Datei&amp;namensmuster:</translation>
    </message>
    <message>
        <source>&amp;Class list:</source>
        <translation>&amp;Klassenliste:</translation>
    </message>
    <message>
        <source>Kinetics-Sounds: a file with one class name per line</source>
        <translation>Kinetics-Sounds: eine Datei mit einem Klassennamen pro Zeile</translation>
    </message>
    <message>
        <source>from the file name</source>
        <translation>aus dem Dateinamen</translation>
    </message>
    <message>
        <source>&amp;Split:</source>
        <translation>&amp;Teilmenge:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Mi&amp;nimum duration:</source>
        <translation>Mi&amp;ndestdauer:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>Choose a folder</source>
        <translation>Ordner wählen</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Datei wählen</translation>
    </message>
    <message>
        <source>Annotation files (*.csv *.txt);;All files (*)</source>
        <translation>Annotationsdateien (*.csv *.txt);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>avt::widgets::ImportTask</name>
    <message>
        <source>
Rows skipped:
</source>
        <translation>
Übersprungene Zeilen:
</translation>
    </message>
    <message>
        <source>  line %1: %2
</source>
        <translation>  Zeile %1: %2
</translation>
    </message>
</context>
<context>
    <name>avt::widgets::LadderTab</name>
    <message>
        <source>Ladders are runs named &lt;prefix&gt;-&lt;rung&gt;, as the ablate verb names them</source>
        <translation>Leitern sind Läufe mit Namen der Form &lt;prefix&gt;-&lt;rung&gt;, wie sie das Verb ablate benennt</translation>
    </message>
    <message>
        <source>At the end</source>
        <translation>Am Ende</translation>
    </message>
    <message>
        <source>At the best top-1 epoch</source>
        <translation>In der Epoche mit der besten Top-1</translation>
    </message>
    <message>
        <source>Save the table as CSV, LaTeX (the paper&apos;s layout) or Markdown</source>
        <translation>Die Tabelle als CSV, LaTeX (im Layout des Papers) oder Markdown speichern</translation>
    </message>
    <message>
        <source>Ladder:</source>
        <translation>Leiter:</translation>
    </message>
    <message>
        <source>No Table 4 ladder among the runs: train one with the ablate verb (avt-workbench --batch ablate --ladder table4 …); its runs are named &lt;prefix&gt;-audio, &lt;prefix&gt;-video, … (-seedN with several seeds).</source>
        <translation>Keine Leiter für Tabelle 4 unter den Läufen: Trainieren Sie eine mit dem Verb ablate (avt-workbench --batch ablate --ladder table4 …); ihre Läufe heißen &lt;prefix&gt;-audio, &lt;prefix&gt;-video, … (-seedN bei mehreren Seeds).</translation>
    </message>
    <message>
        <source>Reading the ladder…</source>
        <translation>Leiter wird gelesen …</translation>
    </message>
    <message>
        <source>Cannot make the table: %1</source>
        <translation>Die Tabelle kann nicht erstellt werden: %1</translation>
    </message>
</context>
<context>
    <name>avt::widgets::LauncherView</name>
    <message>
        <source>Changes against the base</source>
        <translation>Änderungen gegenüber der Basis</translation>
    </message>
    <message>
        <source>No changes</source>
        <translation>Keine Änderungen</translation>
    </message>
    <message>
        <source>Command of the first run</source>
        <translation>Befehl des ersten Laufs</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy the command to run it in a terminal</source>
        <translation>Den Befehl kopieren, um ihn in einem Terminal auszuführen</translation>
    </message>
    <message>
        <source>Write Slurm Scripts…</source>
        <translation>Slurm-Skripte schreiben …</translation>
    </message>
    <message>
        <source>Write runs/&lt;name&gt;/slurm.sbatch and torchrun.sh for each run</source>
        <translation>Für jeden Lauf runs/&lt;name&gt;/slurm.sbatch und torchrun.sh schreiben</translation>
    </message>
    <message>
        <source>Preset: %1</source>
        <translation>Preset: %1</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>Ausgangspunkt</translation>
    </message>
    <message>
        <source>A model preset with the default settings, or a stored run&apos;s whole config (run again with changes)</source>
        <translation>Ein Modell-Preset mit den Standardeinstellungen oder die gesamte Konfiguration eines gespeicherten Laufs (mit Änderungen erneut ausführen)</translation>
    </message>
    <message>
        <source>The workspace dataset the runs train on (run.dataset)</source>
        <translation>Der Datensatz des Arbeitsbereichs, auf dem die Läufe trainieren (run.dataset)</translation>
    </message>
    <message>
        <source>Choose a dataset</source>
        <translation>Datensatz wählen</translation>
    </message>
    <message>
        <source>Base:</source>
        <translation>Basis:</translation>
    </message>
    <message>
        <source>Dataset:</source>
        <translation>Datensatz:</translation>
    </message>
    <message>
        <source>Runs to queue</source>
        <translation>Läufe für die Warteschlange</translation>
    </message>
    <message>
        <source>Run name, or the prefix of the names of a ladder, sweep or seeds</source>
        <translation>Laufname oder das Präfix der Namen einer Leiter, eines Sweeps oder mehrerer Seeds</translation>
    </message>
    <message>
        <source>Name / prefix:</source>
        <translation>Name / Präfix:</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Table 4 ladder (8 rungs)</source>
        <translation>Leiter für Tabelle 4 (8 Stufen)</translation>
    </message>
    <message>
        <source>Ladder:</source>
        <translation>Leiter:</translation>
    </message>
    <message>
        <source>The config key to sweep</source>
        <translation>Der Konfigurationsschlüssel, der durchlaufen wird</translation>
    </message>
    <message>
        <source>values, comma-separated</source>
        <translation>Werte, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Sweep:</source>
        <translation>Sweep:</translation>
    </message>
    <message>
        <source>Add Sweep Key</source>
        <translation>Sweep-Schlüssel hinzufügen</translation>
    </message>
    <message>
        <source>Sweep a second key: every combination of the two (a grid)</source>
        <translation>Einen zweiten Schlüssel durchlaufen: jede Kombination der beiden (ein Gitter)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Sweep the first key only</source>
        <translation>Nur den ersten Schlüssel durchlaufen</translation>
    </message>
    <message>
        <source>Grid with:</source>
        <translation>Gitter mit:</translation>
    </message>
    <message>
        <source>Seeds per configuration: run.seed, run.seed + 1, ...</source>
        <translation>Seeds pro Konfiguration: run.seed, run.seed + 1, ...</translation>
    </message>
    <message>
        <source>Seeds:</source>
        <translation>Seeds:</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Seed</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Untick a run to leave it out; double-click a name to change it</source>
        <translation>Markierung eines Laufs aufheben, um ihn auszulassen; auf einen Namen doppelklicken, um ihn zu ändern</translation>
    </message>
    <message>
        <source>Run: %1</source>
        <translation>Lauf: %1</translation>
    </message>
    <message>
        <source>No run named &apos;%1&apos; in this workspace.</source>
        <translation>Kein Lauf namens „%1“ in diesem Arbeitsbereich.</translation>
    </message>
    <message>
        <source>run &apos;%1&apos;</source>
        <translation>Lauf „%1“</translation>
    </message>
    <message numerus="yes">
        <source>Queue %n Run(s)</source>
        <translation>
            <numerusform>%n Lauf einreihen</numerusform>
            <numerusform>%n Läufe einreihen</numerusform>
        </translation>
    </message>
    <message>
        <source>Open a workspace to queue runs.</source>
        <translation>Öffnen Sie einen Arbeitsbereich, um Läufe einzureihen.</translation>
    </message>
    <message>
        <source>Reading the workspace…</source>
        <translation>Arbeitsbereich wird gelesen …</translation>
    </message>
    <message>
        <source>No run is ticked.</source>
        <translation>Kein Lauf ist markiert.</translation>
    </message>
    <message>
        <source>Two runs are named &apos;%1&apos;: rename one.</source>
        <translation>Zwei Läufe heißen „%1“: Benennen Sie einen davon um.</translation>
    </message>
    <message>
        <source>A run named &apos;%1&apos; exists in the workspace: choose another name or prefix.</source>
        <translation>Im Arbeitsbereich gibt es bereits einen Lauf namens „%1“: Wählen Sie einen anderen Namen oder ein anderes Präfix.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Choose the dataset the runs train on (import one into the workspace first).</source>
        <translation>Wählen Sie den Datensatz, auf dem die Läufe trainieren (importieren Sie zuerst einen in den Arbeitsbereich).</translation>
    </message>
    <message>
        <source>%1: the workspace has no dataset named &apos;%2&apos;.</source>
        <translation>%1: Der Arbeitsbereich hat keinen Datensatz namens „%2“.</translation>
    </message>
    <message>
        <source>Tick the GPUs the runs should use.</source>
        <translation>Markieren Sie die GPUs, die die Läufe verwenden sollen.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Written: %1. Submit with sbatch on the cluster.</source>
        <translation>Geschrieben: %1. Reichen Sie sie auf dem Cluster mit sbatch ein.</translation>
    </message>
</context>
<context>
    <name>avt::widgets::MainWindow</name>
    <message>
        <source>AVT Workbench</source>
        <translation>AVT Workbench</translation>
    </message>
    <message>
        <source>No workspace open: File &gt; New Workspace or Open Workspace, or drop a folder here.</source>
        <translation>Kein Arbeitsbereich geöffnet: Datei &gt; Neuer Arbeitsbereich oder Arbeitsbereich öffnen, oder einen Ordner hierher ziehen.</translation>
    </message>
    <message>
        <source>Dataset Browser</source>
        <translation>Datensatz-Browser</translation>
    </message>
    <message>
        <source>Segment Inspector</source>
        <translation>Segment-Inspektor</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New Workspace…</source>
        <translation>&amp;Neuer Arbeitsbereich …</translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation>Arbeitsbereich ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Import Dataset…</source>
        <translation>Datensatz &amp;importieren …</translation>
    </message>
    <message>
        <source>&amp;Export Segment View…</source>
        <translation>Segmentansicht &amp;exportieren …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Reset &amp;Layout</source>
        <translation>&amp;Layout zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The language changes when the workbench is started again.</source>
        <translation>Die Sprache ändert sich beim nächsten Start der Workbench.</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About AVT Workbench</source>
        <translation>Über &amp;AVT Workbench</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>&amp;%1 %2</source>
        <translation>&amp;%1 %2</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <source>%1 - AVT Workbench</source>
        <translation>%1 – AVT Workbench</translation>
    </message>
    <message>
        <source>Workspace: %1</source>
        <translation>Arbeitsbereich: %1</translation>
    </message>
    <message>
        <source>Cannot open workspace</source>
        <translation>Arbeitsbereich kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>New workspace: choose or create an empty folder</source>
        <translation>Neuer Arbeitsbereich: einen leeren Ordner wählen oder anlegen</translation>
    </message>
    <message>
        <source>Open workspace</source>
        <translation>Arbeitsbereich öffnen</translation>
    </message>
    <message>
        <source>%1 holds no workspace yet. Create one there?</source>
        <translation>%1 enthält noch keinen Arbeitsbereich. Dort einen anlegen?</translation>
    </message>
    <message>
        <source>Import Dataset</source>
        <translation>Datensatz importieren</translation>
    </message>
    <message>
        <source>Open or create a workspace first.</source>
        <translation>Öffnen oder erstellen Sie zuerst einen Arbeitsbereich.</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>Es ist kein Arbeitsbereich geöffnet.</translation>
    </message>
    <message>
        <source>An import is already running.</source>
        <translation>Es läuft bereits ein Import.</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>%1 wird importiert</translation>
    </message>
    <message>
        <source>Import failed: %1</source>
        <translation>Import fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Imported %1: %2 clips, %3 usable, %4 rows skipped.</source>
        <translation>%1 importiert: %2 Clips, %3 verwendbar, %4 Zeilen übersprungen.</translation>
    </message>
    <message>
        <source>Import finished</source>
        <translation>Import abgeschlossen</translation>
    </message>
    <message>
        <source>Some clips or rows have problems; see the details.</source>
        <translation>Einige Clips oder Zeilen haben Probleme; siehe Details.</translation>
    </message>
    <message>
        <source>Grad-CAM Viewer</source>
        <translation>Grad-CAM-Viewer</translation>
    </message>
    <message>
        <source>&amp;Runs</source>
        <translation>&amp;Läufe</translation>
    </message>
    <message>
        <source>Explain with &amp;Grad-CAM</source>
        <translation>Mit &amp;Grad-CAM erklären</translation>
    </message>
    <message>
        <source>No runs in this workspace</source>
        <translation>Keine Läufe in diesem Arbeitsbereich</translation>
    </message>
    <message>
        <source>The language changes when the running import has finished: pick it again then.</source>
        <translation>Die Sprache wechselt, wenn der laufende Import beendet ist: Wählen Sie sie dann erneut.</translation>
    </message>
    <message>
        <source>Run Comparison</source>
        <translation>Laufvergleich</translation>
    </message>
    <message>
        <source>Run Launcher</source>
        <translation>Laufstarter</translation>
    </message>
    <message>
        <source>Training Runs</source>
        <translation>Trainingsläufe</translation>
    </message>
</context>
<context>
    <name>avt::widgets::PixmapExport</name>
    <message>
        <source>%1: cannot write the PNG</source>
        <translation>%1: PNG kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>%1: cannot write the PDF</source>
        <translation>%1: PDF kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>%1: nothing written</source>
        <translation>%1: nichts geschrieben</translation>
    </message>
</context>
<context>
    <name>avt::widgets::PlacementBox</name>
    <message>
        <source>Where</source>
        <translation>Ausführungsort</translation>
    </message>
    <message>
        <source>This machine: CPU</source>
        <translation>Dieser Rechner: CPU</translation>
    </message>
    <message>
        <source>This machine: GPUs</source>
        <translation>Dieser Rechner: GPUs</translation>
    </message>
    <message>
        <source>Any free GPUs:</source>
        <translation>Beliebige freie GPUs:</translation>
    </message>
    <message>
        <source>Cluster (Slurm)</source>
        <translation>Cluster (Slurm)</translation>
    </message>
    <message>
        <source>No CUDA GPU found</source>
        <translation>Keine CUDA-GPU gefunden</translation>
    </message>
    <message>
        <source> GPU(s)</source>
        <translation> GPU(s)</translation>
    </message>
    <message>
        <source>Ranks per run on this machine (--nproc-per-node): Gloo on the CPU, NCCL on GPUs</source>
        <translation>Ranks pro Lauf auf diesem Rechner (--nproc-per-node): Gloo auf der CPU, NCCL auf GPUs</translation>
    </message>
    <message>
        <source>Ranks per run:</source>
        <translation>Ranks pro Lauf:</translation>
    </message>
    <message>
        <source>Share GPUs with other runs</source>
        <translation>GPUs mit anderen Läufen teilen</translation>
    </message>
    <message>
        <source>Start even when another queued run holds these GPUs</source>
        <translation>Auch starten, wenn ein anderer Lauf der Warteschlange diese GPUs belegt</translation>
    </message>
    <message>
        <source>same as here</source>
        <translation>wie hier</translation>
    </message>
    <message>
        <source>Nodes:</source>
        <translation>Knoten:</translation>
    </message>
    <message>
        <source>Tasks (ranks) per node:</source>
        <translation>Tasks (Ranks) pro Knoten:</translation>
    </message>
    <message>
        <source>GPUs per task:</source>
        <translation>GPUs pro Task:</translation>
    </message>
    <message>
        <source>CPUs per task:</source>
        <translation>CPUs pro Task:</translation>
    </message>
    <message>
        <source>Time limit:</source>
        <translation>Zeitlimit:</translation>
    </message>
    <message>
        <source>Partition:</source>
        <translation>Partition:</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>Konto:</translation>
    </message>
    <message>
        <source>Workbench on the cluster:</source>
        <translation>Workbench auf dem Cluster:</translation>
    </message>
    <message>
        <source>Workspace on the cluster:</source>
        <translation>Arbeitsbereich auf dem Cluster:</translation>
    </message>
    <message>
        <source>torchrun rendezvous host:</source>
        <translation>torchrun-Rendezvous-Host:</translation>
    </message>
    <message>
        <source>Time limit &apos;%1&apos;: use HH:MM:SS or D-HH:MM:SS.</source>
        <translation>Zeitlimit „%1“: Verwenden Sie HH:MM:SS oder D-HH:MM:SS.</translation>
    </message>
    <message>
        <source>Say where the workbench is on the cluster.</source>
        <translation>Geben Sie an, wo die Workbench auf dem Cluster liegt.</translation>
    </message>
</context>
<context>
    <name>avt::widgets::PlotExport</name>
    <message>
        <source>%1: unknown image format (use .png, .svg or .pdf)</source>
        <translation>%1: unbekanntes Bildformat (verwenden Sie .png, .svg oder .pdf)</translation>
    </message>
    <message>
        <source>Cannot write %1: no such folder</source>
        <translation>%1 kann nicht geschrieben werden: Der Ordner existiert nicht</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>avt::widgets::PrepareDialog</name>
    <message>
        <source>&amp;Rebuild from scratch</source>
        <translation>&amp;Von Grund auf neu erstellen</translation>
    </message>
    <message>
        <source>Prepare Clip Cache</source>
        <translation>Clip-Cache vorbereiten</translation>
    </message>
    <message>
        <source>The model preset whose input sizes the clips are decoded for</source>
        <translation>Das Modell-Preset, für dessen Eingabegrößen die Clips dekodiert werden</translation>
    </message>
    <message>
        <source>Forget what the cache holds and write every entry again</source>
        <translation>Den Cache-Inhalt verwerfen und jeden Eintrag neu schreiben</translation>
    </message>
    <message>
        <source>Decode the clips of &lt;b&gt;%1&lt;/b&gt; once into a cache that training reads instead of decoding every epoch. A stopped run can be continued later.</source>
        <translation>Die Clips von &lt;b&gt;%1&lt;/b&gt; einmal in einen Cache dekodieren, den das Training liest, statt in jeder Epoche zu dekodieren. Ein angehaltener Lauf kann später fortgesetzt werden.</translation>
    </message>
    <message>
        <source>&amp;Model preset:</source>
        <translation>&amp;Modell-Preset:</translation>
    </message>
    <message>
        <source>&amp;Prepare</source>
        <translation>&amp;Vorbereiten</translation>
    </message>
</context>
<context>
    <name>avt::widgets::RunMonitor</name>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>beendet</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>angehalten</translation>
    </message>
    <message>
        <source>created</source>
        <translation>angelegt</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>Restzeit</translation>
    </message>
    <message>
        <source>Data wait</source>
        <translation>Datenwartezeit</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>Checkpoint</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>Epoche</translation>
    </message>
    <message>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Drag to pan, wheel to zoom, double-click to follow the run again</source>
        <translation>Ziehen zum Verschieben, Mausrad zum Zoomen, Doppelklick, um dem Lauf wieder zu folgen</translation>
    </message>
    <message>
        <source>Cannot read the run: %1</source>
        <translation>Der Lauf kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The run failed without a message; see its logs below.</source>
        <translation>Der Lauf ist ohne Meldung fehlgeschlagen; siehe seine Logs unten.</translation>
    </message>
    <message>
        <source>The training process (pid %1 on %2, last heartbeat %3) is gone without recording an end. Resume the run to continue from its last checkpoint.</source>
        <translation>Der Trainingsprozess (PID %1 auf %2, letzter Heartbeat %3) ist verschwunden, ohne ein Ende aufzuzeichnen. Setzen Sie den Lauf fort, um ab seinem letzten Checkpoint weiterzumachen.</translation>
    </message>
    <message>
        <source>an unknown host</source>
        <translation>einem unbekannten Host</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Stopped on request; resume it to continue from its last checkpoint.</source>
        <translation>Auf Anforderung angehalten; setzen Sie den Lauf fort, um ab seinem letzten Checkpoint weiterzumachen.</translation>
    </message>
    <message>
        <source>No run named %1 in this workspace yet (a queued run appears when it starts).</source>
        <translation>Noch kein Lauf namens %1 in diesem Arbeitsbereich (ein eingereihter Lauf erscheint, sobald er startet).</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>epoch %1/%2, step %3/%4</source>
        <translation>Epoche %1/%2, Schritt %3/%4</translation>
    </message>
    <message>
        <source>%1 clips/s</source>
        <translation>%1 clips/s</translation>
    </message>
    <message>
        <source>%1 s per step (mean of the last %2 records); %3 clips per step (batch %4 × accumulate %5 × %6 ranks)</source>
        <translation>%1 s pro Schritt (Mittelwert der letzten %2 Einträge); %3 Clips pro Schritt (Batch %4 × Akkumulation %5 × %6 Ranks)</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Share of the step time spent waiting for data (last %1 records)</source>
        <translation>Anteil der Schrittzeit, der mit Warten auf Daten verbracht wird (letzte %1 Einträge)</translation>
    </message>
    <message>
        <source> (step %1)</source>
        <translation> (Schritt %1)</translation>
    </message>
</context>
<context>
    <name>avt::widgets::RunQueue</name>
    <message>
        <source>%1 (kept as %2; the queue starts empty)</source>
        <translation>%1 (aufbewahrt als %2; die Warteschlange beginnt leer)</translation>
    </message>
    <message>
        <source>the process ended before the run was created</source>
        <translation>der Prozess endete, bevor der Lauf angelegt wurde</translation>
    </message>
    <message>
        <source>the process ended without finishing (killed, or it crashed); resume continues from the last checkpoint</source>
        <translation>der Prozess endete, ohne fertig zu werden (beendet oder abgestürzt); Fortsetzen macht ab dem letzten Checkpoint weiter</translation>
    </message>
    <message>
        <source>attached: started outside this queue</source>
        <translation>übernommen: außerhalb dieser Warteschlange gestartet</translation>
    </message>
    <message>
        <source>--- %1: %2 %3
</source>
        <translation>--- %1: %2 %3
</translation>
    </message>
    <message>
        <source>%1: a run of this name exists in the workspace</source>
        <translation>%1: Im Arbeitsbereich gibt es bereits einen Lauf dieses Namens</translation>
    </message>
    <message>
        <source>Not queued: %1</source>
        <translation>Nicht eingereiht: %1</translation>
    </message>
    <message>
        <source>stopping: a checkpoint, then exit</source>
        <translation>wird angehalten: erst ein Checkpoint, dann Ende</translation>
    </message>
</context>
<context>
    <name>avt::widgets::RunsModel</name>
    <message>
        <source>%1 (run %2)</source>
        <translation>%1 (Lauf %2)</translation>
    </message>
    <message>
        <source>%1 (run %2): %3</source>
        <translation>%1 (Lauf %2): %3</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n run(s)</source>
        <translation>
            <numerusform>%1: %n Lauf</numerusform>
            <numerusform>%1: %n Läufe</numerusform>
        </translation>
    </message>
    <message>
        <source>mean %1, std %2, min %3, max %4, n = %5</source>
        <translation>Mittelwert %1, Std.-Abw. %2, Min. %3, Max. %4, n = %5</translation>
    </message>
    <message numerus="yes">
        <source>%1  (%n run(s))</source>
        <translation>
            <numerusform>%1  (%n Lauf)</numerusform>
            <numerusform>%1  (%n Läufe)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: the last value recorded</source>
        <translation>%1: der zuletzt aufgezeichnete Wert</translation>
    </message>
    <message>
        <source>%1: the highest value recorded</source>
        <translation>%1: der höchste aufgezeichnete Wert</translation>
    </message>
    <message>
        <source>%1: the lowest value recorded</source>
        <translation>%1: der niedrigste aufgezeichnete Wert</translation>
    </message>
    <message>
        <source>%1: the last value at or before step %2</source>
        <translation>%1: der letzte Wert bei oder vor Schritt %2</translation>
    </message>
    <message>
        <source>Config key %1</source>
        <translation>Konfigurationsschlüssel %1</translation>
    </message>
    <message>
        <source>Group / run</source>
        <translation>Gruppe / Lauf</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Preset</translation>
    </message>
    <message>
        <source>%1 (best)</source>
        <translation>%1 (Bestwert)</translation>
    </message>
    <message>
        <source>%1 @ %2</source>
        <translation>%1 @ %2</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>World size</source>
        <translation>World Size</translation>
    </message>
    <message>
        <source>Duration (s)</source>
        <translation>Dauer (s)</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Best values.</source>
        <translation>Bestwerte.</translation>
    </message>
    <message>
        <source>Values at step %1.</source>
        <translation>Werte bei Schritt %1.</translation>
    </message>
</context>
<context>
    <name>avt::widgets::SegmentInspector</name>
    <message>
        <source>AudioSet statistics</source>
        <translation>AudioSet-Statistik</translation>
    </message>
    <message>
        <source>ESC-50 statistics</source>
        <translation>ESC-50-Statistik</translation>
    </message>
    <message>
        <source>Speech Commands statistics</source>
        <translation>Speech-Commands-Statistik</translation>
    </message>
    <message>
        <source>Clip length</source>
        <translation>Cliplänge</translation>
    </message>
    <message>
        <source>Preset length (padded / cut)</source>
        <translation>Länge der Vorgabe (aufgefüllt / gekürzt)</translation>
    </message>
    <message>
        <source>1024 frames (10.24 s)</source>
        <translation>1024 Frames (10,24 s)</translation>
    </message>
    <message>
        <source>512 frames (5.12 s)</source>
        <translation>512 Frames (5,12 s)</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren …</translation>
    </message>
    <message>
        <source>Save the view as PNG or PDF</source>
        <translation>Ansicht als PNG oder PDF speichern</translation>
    </message>
    <message>
        <source>Input:</source>
        <translation>Eingabe:</translation>
    </message>
    <message>
        <source>Colours:</source>
        <translation>Farben:</translation>
    </message>
    <message>
        <source>Select a clip in the dataset browser, or drop a media file on the window.</source>
        <translation>Wählen Sie einen Clip im Datensatz-Browser oder ziehen Sie eine Mediendatei auf das Fenster.</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 wird geladen …</translation>
    </message>
    <message>
        <source>Cannot load the audio: %1</source>
        <translation>Audio kann nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>%1 frames (%2 from the clip), %3 segments, %4 masked (%5 of %6 audio tokens).</source>
        <translation>%1 Frames (%2 aus dem Clip), %3 Segmente, %4 maskiert (%5 von %6 Audio-Tokens).</translation>
    </message>
    <message>
        <source>Export segment view</source>
        <translation>Segmentansicht exportieren</translation>
    </message>
    <message>
        <source>PNG image (*.png);;PDF document (*.pdf)</source>
        <translation>PNG-Bild (*.png);;PDF-Dokument (*.pdf)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>avt::widgets::SegmentPlot</name>
    <message>
        <source>Normalised log-mel</source>
        <translation>Normierte Log-Mel-Werte</translation>
    </message>
    <message>
        <source>Mel bin</source>
        <translation>Mel-Band</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>Zeit (s)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>avt::widgets::SummaryTab</name>
    <message>
        <source>At the end</source>
        <translation>Am Ende</translation>
    </message>
    <message>
        <source>At step</source>
        <translation>Bei Schritt</translation>
    </message>
    <message>
        <source>At the best value of</source>
        <translation>Beim besten Wert von</translation>
    </message>
    <message>
        <source>Save the table as CSV, LaTeX or Markdown</source>
        <translation>Die Tabelle als CSV, LaTeX oder Markdown speichern</translation>
    </message>
    <message>
        <source>Values:</source>
        <translation>Werte:</translation>
    </message>
    <message>
        <source>Tick runs in the runs table to summarise them.</source>
        <translation>Markieren Sie Läufe in der Lauftabelle, um sie zusammenzufassen.</translation>
    </message>
    <message>
        <source>Choose the metric whose best value picks the step.</source>
        <translation>Wählen Sie die Metrik, deren Bestwert den Schritt bestimmt.</translation>
    </message>
    <message>
        <source>Reading the values…</source>
        <translation>Werte werden gelesen …</translation>
    </message>
    <message>
        <source>Cannot summarise the runs: %1</source>
        <translation>Die Läufe können nicht zusammengefasst werden: %1</translation>
    </message>
    <message>
        <source>Metrics at the end of each run.</source>
        <translation>Metriken am Ende jedes Laufs.</translation>
    </message>
</context>
<context>
    <name>avt::widgets::TableTab</name>
    <message>
        <source>Export…</source>
        <translation>Exportieren …</translation>
    </message>
</context>
<context>
    <name>avt::widgets::TaskStatus</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>%1 (+%2 more)</source>
        <translation>%1 (+%2 weitere)</translation>
    </message>
</context>
<context>
    <name>avt::widgets::TrainingView</name>
    <message>
        <source>Up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Kill</source>
        <translation>Sofort beenden</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Duplicate with Changes…</source>
        <translation>Mit Änderungen duplizieren …</translation>
    </message>
    <message>
        <source>Pause queue</source>
        <translation>Warteschlange pausieren</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Ausführungsort</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Slots: </source>
        <translation>Slots: </translation>
    </message>
    <message>
        <source>How many runs of the queue may go at once</source>
        <translation>Wie viele Läufe der Warteschlange gleichzeitig laufen dürfen</translation>
    </message>
    <message>
        <source>Stop gracefully: the run saves a checkpoint, then exits (resume continues from it)</source>
        <translation>Geordnet anhalten: Der Lauf speichert einen Checkpoint und beendet sich dann (Fortsetzen macht dort weiter)</translation>
    </message>
    <message>
        <source>Kill the run&apos;s processes at once (no checkpoint; resume starts from the last one)</source>
        <translation>Die Prozesse des Laufs sofort beenden (kein Checkpoint; Fortsetzen beginnt beim letzten)</translation>
    </message>
    <message>
        <source>Queue the run again to continue from its last checkpoint</source>
        <translation>Den Lauf erneut einreihen, um ab seinem letzten Checkpoint weiterzumachen</translation>
    </message>
    <message>
        <source>Open the launcher with this run&apos;s config to change and queue it as a new run</source>
        <translation>Den Starter mit der Konfiguration dieses Laufs öffnen, um sie zu ändern und als neuen Lauf einzureihen</translation>
    </message>
    <message>
        <source>GPU %1</source>
        <translation>GPU %1</translation>
    </message>
    <message numerus="yes">
        <source>any %n free GPU(s)</source>
        <translation>
            <numerusform>%n beliebige freie GPU</numerusform>
            <numerusform>%n beliebige freie GPUs</numerusform>
        </translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message numerus="yes">
        <source>, %n rank(s)</source>
        <translation>
            <numerusform>, %n Rank</numerusform>
            <numerusform>, %n Ranks</numerusform>
        </translation>
    </message>
    <message>
        <source>, resume</source>
        <translation>, Fortsetzung</translation>
    </message>
    <message>
        <source>%1 running, %2 waiting%3</source>
        <translation>%1 laufend, %2 wartend%3</translation>
    </message>
    <message>
        <source>; no GPU found, runs use the CPU</source>
        <translation>; keine GPU gefunden, Läufe verwenden die CPU</translation>
    </message>
    <message numerus="yes">
        <source>; %n GPU(s)</source>
        <translation>
            <numerusform>; %n GPU</numerusform>
            <numerusform>; %n GPUs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>avt::widgets::Translations</name>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
</context>
</TS>

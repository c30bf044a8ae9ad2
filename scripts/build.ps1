# Build Haulbook for Windows into dist\haulbook\ with PyInstaller (pyinstaller.spec), then run the
# frozen self-test. The same steps as scripts/build; docs\windows-build.md explains the setup.
#
#   powershell -ExecutionPolicy Bypass -File scripts\build.ps1 [-Tesseract DIR] [-Dist DIR]
#                                                            [-Work DIR] [-NoSelfTest]
#
#   -Tesseract DIR   bundle the Tesseract in DIR (default: resources\bin\tesseract if present)
#   -Dist DIR        where the haulbook folder goes (default: dist)
#   -Work DIR        PyInstaller's work folder (default: build\pyinstaller)
#   -NoSelfTest      do not run dist\haulbook\haulbook-cli.exe --self-test afterwards
param(
    [string]$Tesseract = "",
    [string]$Dist = "dist",
    [string]$Work = "build\pyinstaller",
    [switch]$NoSelfTest
)
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)
$Root = (Get-Location).Path

$Python = if ($env:PYTHON) { $env:PYTHON } else { Join-Path $Root ".venv\Scripts\python.exe" }
& $Python -c "import PyInstaller" 2>$null
if ($LASTEXITCODE -ne 0) {
    Write-Error "PyInstaller is missing; run: $Python -m pip install -e .[dev]"
    exit 3
}
if ($Tesseract) {
    $env:HAULBOOK_BUNDLE_TESSERACT = (Resolve-Path $Tesseract).Path
}

$watch = [Diagnostics.Stopwatch]::StartNew()
& $Python -m PyInstaller --noconfirm --log-level WARN --distpath $Dist --workpath $Work `
    (Join-Path $Root "pyinstaller.spec")
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
$watch.Stop()

$App = Join-Path $Dist "haulbook"
$files = Get-ChildItem $App -Recurse -File
$mb = [math]::Round(($files | Measure-Object Length -Sum).Sum / 1MB)
Write-Host ("Built {0} in {1:N0}s: {2} MB, {3} files" -f $App, $watch.Elapsed.TotalSeconds, $mb, $files.Count)

if (-not $NoSelfTest) {
    # A throwaway data folder: checking the build must not touch the builder's own runs.
    $check = Join-Path ([IO.Path]::GetTempPath()) ("haulbook-check-" + [guid]::NewGuid())
    $env:HAULBOOK_DATA_DIR = $check
    try {
        & (Join-Path $App "haulbook-cli.exe") --self-test
        $code = $LASTEXITCODE
    } finally {
        Remove-Item Env:HAULBOOK_DATA_DIR
        Remove-Item $check -Recurse -Force -ErrorAction SilentlyContinue
    }
    exit $code
}

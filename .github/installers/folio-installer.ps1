# Installs folio @VERSION@ on Windows from its GitHub release: downloads the
# archive, checks its SHA-256 checksum, and puts folio.exe in
# $env:FOLIO_INSTALL_DIR (default: %LOCALAPPDATA%\folio\bin), added to the
# user's PATH. Usage (PowerShell):
#   powershell -ExecutionPolicy Bypass -c "irm @REPO@/releases/download/v@VERSION@/folio-installer.ps1 | iex"
$ErrorActionPreference = 'Stop'

$version = '@VERSION@'
$base = "@REPO@/releases/download/v$version"
$target = 'x86_64-pc-windows-msvc'
$archive = "folio-$target.zip"
$dest = if ($env:FOLIO_INSTALL_DIR) { $env:FOLIO_INSTALL_DIR } else { Join-Path $env:LOCALAPPDATA 'folio\bin' }

$tmp = Join-Path ([System.IO.Path]::GetTempPath()) ("folio-" + [System.Guid]::NewGuid())
New-Item -ItemType Directory -Path $tmp | Out-Null
try {
    Write-Host "folio-installer: downloading $archive (folio $version)"
    Invoke-WebRequest -UseBasicParsing -Uri "$base/$archive" -OutFile (Join-Path $tmp $archive)
    Invoke-WebRequest -UseBasicParsing -Uri "$base/$archive.sha256" -OutFile (Join-Path $tmp "$archive.sha256")
    $expected = ((Get-Content (Join-Path $tmp "$archive.sha256") -Raw).Trim() -split '\s+')[0].ToLower()
    $actual = (Get-FileHash -Algorithm SHA256 (Join-Path $tmp $archive)).Hash.ToLower()
    if ($expected -ne $actual) {
        throw "folio-installer: checksum mismatch for $archive (expected $expected, got $actual)"
    }
    Expand-Archive -Path (Join-Path $tmp $archive) -DestinationPath $tmp -Force
    New-Item -ItemType Directory -Force -Path $dest | Out-Null
    Copy-Item -Force (Join-Path $tmp 'folio.exe') (Join-Path $dest 'folio.exe')
    Write-Host "folio-installer: installed $dest\folio.exe"
    $path = [Environment]::GetEnvironmentVariable('Path', 'User')
    if (-not (($path -split ';') -contains $dest)) {
        [Environment]::SetEnvironmentVariable('Path', "$dest;$path", 'User')
        Write-Host "folio-installer: added $dest to your PATH (open a new terminal)"
    }
} finally {
    Remove-Item -Recurse -Force $tmp
}

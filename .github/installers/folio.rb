# Homebrew formula for folio @VERSION@, written by the release workflow with the
# checksums of the release archives. Published in the tap repository
# (homebrew-tap, Formula/folio.rb), so that `brew install <owner>/tap/folio` works.
class Folio < Formula
  desc "Static site generator for research portfolios: papers and people as YAML"
  homepage "@REPO@"
  version "@VERSION@"
  license any_of: ["MIT", "Apache-2.0"]

  on_macos do
    on_arm do
      url "@REPO@/releases/download/v@VERSION@/folio-aarch64-apple-darwin.tar.gz"
      sha256 "@SHA256_aarch64-apple-darwin@"
    end
    on_intel do
      url "@REPO@/releases/download/v@VERSION@/folio-x86_64-apple-darwin.tar.gz"
      sha256 "@SHA256_x86_64-apple-darwin@"
    end
  end

  on_linux do
    on_arm do
      url "@REPO@/releases/download/v@VERSION@/folio-aarch64-unknown-linux-musl.tar.gz"
      sha256 "@SHA256_aarch64-unknown-linux-musl@"
    end
    on_intel do
      url "@REPO@/releases/download/v@VERSION@/folio-x86_64-unknown-linux-musl.tar.gz"
      sha256 "@SHA256_x86_64-unknown-linux-musl@"
    end
  end

  def install
    bin.install "folio"
  end

  test do
    assert_match "folio #{version}", shell_output("#{bin}/folio --version")
  end
end

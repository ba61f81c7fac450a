"""QR codes for the chief's public key: made with ``qrcode``, read back with ``zxing-cpp``.

The key file is short JSON text (about 800 characters); a QR code carries it at error
correction level M, so a photo of the chief's screen or of a printout can be given to
``sps-desk init --join`` instead of the file.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import qrcode
import zxingcpp
from PIL import Image
from qrcode.constants import ERROR_CORRECT_M

from sps_desk.errors import SpsDeskError
from sps_desk.inputs import read_input

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp")
MAX_IMAGE_BYTES = 64 * 1024 * 1024
"""Largest image file read (a phone's photo is a few megabytes)."""
MAX_IMAGE_PIXELS = 64_000_000
"""Largest image decoded: a 50-megapixel phone photo fits; a forged header claiming
more would cost gigabytes of memory."""


class QrUnreadable(SpsDeskError):
    """No QR code could be read in an image (French message)."""


def qr_png(text: str, *, box_size: int = 6) -> bytes:
    """A PNG image of a QR code holding ``text`` (UTF-8), with the standard quiet zone."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=4)
    code.add_data(text.encode("utf-8"))
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer, format="PNG")
    return buffer.getvalue()


def read_qr(path: Path) -> str:
    """The text of the first QR code found in the image at ``path``.

    Raises:
        InputRefused: a folder, a pipe or a device, or over :data:`MAX_IMAGE_BYTES`.
        QrUnreadable: not an image, larger than :data:`MAX_IMAGE_PIXELS`, or no
            readable QR code in it.
        OSError: the file cannot be read.
    """
    data = read_input(path, limit=MAX_IMAGE_BYTES, what="photo du QR code")
    try:
        with warnings.catch_warnings():
            # Pillow warns (on stderr) about images above its own, larger, pixel limit.
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as image:
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    raise QrUnreadable(
                        f"{path.name} est une image de plus de {MAX_IMAGE_PIXELS // 10**6} "
                        "millions de pixels (la limite) : réduisez-la, ou demandez le "
                        "fichier .spskey au chef de service.")
                found = zxingcpp.read_barcodes(image.convert("L"))
    except QrUnreadable:
        raise
    except Exception:  # Pillow's decoders: truncated, damaged or unknown image data
        raise QrUnreadable(f"{path.name} n'est pas une image lisible.") from None
    for barcode in found:
        if barcode.format == zxingcpp.BarcodeFormat.QRCode and barcode.text:
            return barcode.text
    raise QrUnreadable(
        f"Aucun QR code lisible dans {path.name} : reprenez la photo bien à plat, nette et "
        "entière, ou demandez le fichier .spskey au chef de service."
    )

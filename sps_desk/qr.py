"""QR codes for the chief's public key: made with ``qrcode``, read back with ``zxing-cpp``.

The key file is short JSON text (about 800 characters); a QR code carries it at error
correction level M, so a photo of the chief's screen or of a printout can be given to
``sps-desk init --join`` instead of the file.
"""

from __future__ import annotations

import io
from pathlib import Path

import qrcode
import zxingcpp
from PIL import Image, UnidentifiedImageError
from qrcode.constants import ERROR_CORRECT_M

from sps_desk.errors import SpsDeskError

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp")


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
        QrUnreadable: not an image, or no readable QR code in it.
        OSError: the file cannot be read.
    """
    try:
        with Image.open(path) as image:
            found = zxingcpp.read_barcodes(image.convert("L"))
    except UnidentifiedImageError:
        raise QrUnreadable(f"{path.name} n'est pas une image lisible.") from None
    for barcode in found:
        if barcode.format == zxingcpp.BarcodeFormat.QRCode and barcode.text:
            return barcode.text
    raise QrUnreadable(
        f"Aucun QR code lisible dans {path.name} : reprenez la photo bien à plat, nette et "
        "entière, ou demandez le fichier .spskey au chef de service."
    )

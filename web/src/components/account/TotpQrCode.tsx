import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/**
 * The otpauth:// URI as a QR code for the phone's camera, drawn in the browser (the secret never
 * goes to a third-party image service): an SVG from `qrcode`, shown through a data URL.
 */
export function TotpQrCode({ uri }: { uri: string }) {
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    let live = true;
    QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }).then(
      (svg) => live && setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`),
      () => live && setSrc(undefined),
    );
    return () => {
      live = false;
    };
  }, [uri]);
  return src ? <img className="totp-qr" src={src} width={192} height={192} alt="QR code of the authenticator app setup link" data-testid="totp-qr" /> : null;
}

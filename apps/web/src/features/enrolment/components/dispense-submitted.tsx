import { dispensePdfUrl } from '../api/use-dispense';
import { SentConfirmation } from './sent-confirmation';

/** « Votre demande de dispense a été transmise », with its PDF to download. */
export function DispenseSubmitted({
  token,
  email,
  renewal,
}: {
  token: string;
  email: string | null;
  renewal: boolean;
}) {
  return (
    <SentConfirmation
      title={
        renewal
          ? 'Votre justificatif de dispense a été transmis'
          : 'Votre demande de dispense a été transmise'
      }
      next={
        renewal
          ? 'Merci. Votre assureur va vérifier votre justificatif ; votre dispense reste en place pendant ce temps.'
          : 'Merci. Votre employeur en est informé et votre assureur va vérifier votre demande et votre justificatif. Si elle ne peut pas être acceptée, vous recevrez un e-mail avec un lien pour adhérer ou envoyer un autre justificatif.'
      }
      email={email}
      what="votre demande signée"
      downloadHref={dispensePdfUrl(token)}
      downloadLabel="Télécharger ma demande (PDF)"
      closing="Vous pouvez fermer cette page."
    />
  );
}

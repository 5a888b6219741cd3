// dnstwist's "various": the suffix run into the label, and the subdomain run into it.
import { joinName, type Emit, type FuzzContext } from './context';

export function various({ subdomain, label, suffix }: FuzzContext, emit: Emit): void {
  const text = label.text;
  if (suffix.includes('.')) {
    emit(joinName(subdomain, text, suffix.split('.').pop()!)); // example.co.uk -> example.uk
    emit(joinName(subdomain, text + suffix)); // -> exampleco.uk
  } else {
    emit(joinName(subdomain, text + suffix, suffix)); // example.de -> examplede.de
    if (suffix !== 'com') {
      emit(joinName(subdomain, `${text}-${suffix}`, 'com'));
      emit(joinName(subdomain, text + suffix, 'com'));
    }
  }
  if (subdomain !== '') {
    emit(`${subdomain + text}.${suffix}`);
    emit(`${subdomain.replaceAll('.', '') + text}.${suffix}`);
    emit(`${subdomain}-${text}.${suffix}`);
    emit(`${subdomain.replaceAll('.', '-')}-${text}.${suffix}`);
  }
}

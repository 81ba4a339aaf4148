"Package metadata, read from settings.ini (nbdev's single source of configuration)."
from configparser import ConfigParser
import setuptools

cfg = ConfigParser(delimiters=['='])
cfg.read('settings.ini', encoding='utf-8')
cfg = cfg['DEFAULT']

licenses = {'apache2': 'Apache-2.0'}  # SPDX identifiers
statuses = ['1 - Planning', '2 - Pre-Alpha', '3 - Alpha', '4 - Beta', '5 - Production/Stable', '6 - Mature', '7 - Inactive']

def reqs(key): return cfg.get(key, '').split()
extras = {k: reqs(f'{k}_requirements') for k in ('plot', 'cli', 'torch', 'sklearn', 'onnx', 'widgets', 'lattice')}
extras['all'] = sorted({r for rs in extras.values() for r in rs})
# `dev` is everything needed to run, test and build the docs: every extra plus the pinned nbdev toolchain.
extras['dev'] = sorted(set(extras['all']) | set(reqs('dev_requirements')))

setuptools.setup(
    name=cfg['lib_name'], version=cfg['version'], description=cfg['description'],
    long_description=open('README.md', encoding='utf-8').read(), long_description_content_type='text/markdown',
    author=cfg['author'], author_email=cfg['author_email'], license=licenses[cfg['license']], url=cfg['git_url'],
    keywords=cfg['keywords'].split(), python_requires='>=' + cfg['min_python'],
    classifiers=['Development Status :: ' + statuses[int(cfg['status']) - 1],
                 'Intended Audience :: ' + cfg['audience'],
                 'Natural Language :: ' + cfg['language'],
                 'Programming Language :: Python :: ' + cfg['min_python']],
    packages=setuptools.find_packages(include=[cfg['lib_path'], cfg['lib_path'] + '.*']),
    include_package_data=True, package_data={cfg['lib_path']: ['data/*.npz']},
    install_requires=reqs('requirements'), extras_require=extras,
    entry_points={'console_scripts': cfg.get('console_scripts', '').split(),
                  'nbdev': [f"{cfg['lib_path']}={cfg['lib_path']}._modidx:d"]},
    zip_safe=False)
